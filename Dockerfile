# syntax=docker/dockerfile:1
# oncesync: build the fat jar, then run it on a JRE as a non-root user.
#   docker build -t oncesync .
#   docker run -p 8080:8080 -v oncesync-data:/var/lib/oncesync --env-file oncesync.env oncesync
# Described in docs/operations.md#deploying (a test, DeploymentFilesTest, keeps this file consistent with the code).

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
# The README's build command; the Maven cache survives between builds (BuildKit).
RUN --mount=type=cache,target=/root/.m2 mvn -B -q -DskipTests package

FROM eclipse-temurin:17-jre AS runtime
# curl for the HEALTHCHECK only.
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 oncesync \
    && useradd --system --uid 10001 --gid oncesync --home-dir /var/lib/oncesync --shell /usr/sbin/nologin oncesync \
    && mkdir -p /opt/oncesync /var/lib/oncesync \
    && chown oncesync:oncesync /var/lib/oncesync \
    && chmod 0700 /var/lib/oncesync
COPY --from=build /src/server/target/oncesync.jar /opt/oncesync/oncesync.jar
ENV ONCESYNC_DATA_DIR=/var/lib/oncesync \
    ONCESYNC_HTTP_PORT=8080
# The embedded SQLite database, the encrypted Salesforce connection and the OnceHub subscription live here
# (with ONCESYNC_DB_URL, only per-instance state).
VOLUME ["/var/lib/oncesync"]
WORKDIR /var/lib/oncesync
USER 10001:10001
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD curl -fsS -o /dev/null "http://127.0.0.1:${ONCESYNC_HTTP_PORT}/health" || exit 1
# SIGTERM (docker stop) drains batches in flight for up to 20 s: give it `docker stop -t 30`.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-jar", "/opt/oncesync/oncesync.jar"]
CMD ["serve"]
