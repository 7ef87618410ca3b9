#!/usr/bin/env bash
# Runs the end-to-end sync benchmark (SyncBurstBenchmark, a main in the test sources): oncesync started as `serve`
# starts it, against a local org answering every call after the injected latency; a single new-guest booking at idle,
# then a burst. Arguments are passed on:
#   latencies-ms (comma-separated, default 0,50,150,300) bookings (2000) guests (500) connections (16)
# ONCESYNC_* variables of the environment are passed to the server (e.g. ONCESYNC_SF_MAX_CONCURRENT_CALLS=8).
# Run from the repository root: server/bench/sync-burst.sh 150
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q -o test-compile -pl server -am
cp_file=$(mktemp)
mvn -B -q -o dependency:build-classpath -pl server -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >/dev/null
# The project's own modules come from this checkout, not from the local Maven repository.
deps=$(tr ':' '\n' < "$cp_file" | grep -v '/io/oncesync/' | paste -sd: -)
rm -f "$cp_file"
own=server/target/test-classes:server/target/classes:engine/target/classes:rules/target/classes:fixtures/local-org/target/classes
exec java -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$own:$deps" io.oncesync.server.app.SyncBurstBenchmark "$@"
