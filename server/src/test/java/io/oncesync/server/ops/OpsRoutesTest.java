package io.oncesync.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.oncesync.server.config.Secret;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class OpsRoutesTest {
    private static final String TOKEN = "admin-token-that-is-long-enough";
    private static final AtomicBoolean databaseUp = new AtomicBoolean(true);
    private static final SyncMetrics metrics = new SyncMetrics();
    private static Vertx vertx;
    private static HttpServer server;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        Readiness readiness = new Readiness(List.of(
                new Readiness.Check("database", () -> databaseUp.get()
                        ? Readiness.Status.up("sqlite ok") : Readiness.Status.down("connection refused")),
                new Readiness.Check("rules", () -> Readiness.Status.up("6 policies"))));
        Router router = Router.router(vertx);
        AdminAuth auth = new AdminAuth(Secret.of(TOKEN));
        new OpsRoutes(metrics, readiness, auth::authenticated).mount(router);
        router.route("/admin/*").handler(auth);
        router.get("/admin/whoami").handler(ctx -> ctx.end((String) ctx.get(AdminAuth.ACTOR)));
        server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private static HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + path));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @DisplayName("/health answers up")
    void health() throws Exception {
        assertThat(get("/health").statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("/ready turns 503 naming the failed check when the database goes away, and 200 when it is back;"
            + " only the admin token shows each check's detail")
    void readiness() throws Exception {
        databaseUp.set(false);
        HttpResponse<String> down = get("/ready");
        assertThat(down.statusCode()).isEqualTo(503);
        JsonObject body = new JsonObject(down.body());
        assertThat(body.getBoolean("ready")).isFalse();
        assertThat(body.getJsonArray("failing").getList()).containsExactly("database");
        assertThat(body.fieldNames()).containsExactlyInAnyOrder("ready", "failing");
        assertThat(down.body()).doesNotContain("connection refused").doesNotContain("6 policies");
        assertThat(get("/ready", "Authorization", "Bearer not-the-token").body()).doesNotContain("connection refused");
        JsonObject detailed = new JsonObject(get("/ready", "Authorization", "Bearer " + TOKEN).body());
        assertThat(detailed.getJsonObject("checks").getJsonObject("database").getString("detail")).isEqualTo("connection refused");
        assertThat(detailed.getJsonObject("checks").getJsonObject("rules").getString("detail")).isEqualTo("6 policies");
        databaseUp.set(true);
        HttpResponse<String> up = get("/ready");
        assertThat(up.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(up.body()).getJsonArray("failing")).isEmpty();
    }

    @Test
    @DisplayName("/metrics exposes delivery counters and the Salesforce allowance in Prometheus format")
    void metricsExposition() throws Exception {
        metrics.delivery(SyncMetrics.Delivery.ACCEPTED);
        metrics.apiCall(40, 15000);
        String text = get("/metrics").body();
        assertThat(text).contains("oncesync_webhooks_total{result=\"accepted\"}")
                .contains("oncesync_salesforce_api_remaining 14960.0");
    }

    @Test
    @DisplayName("The admin API answers 401 with a challenge without a token, 403 for a wrong one")
    void adminAuth() throws Exception {
        HttpResponse<String> none = get("/admin/whoami");
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"oncesync-admin\"");
        assertThat(none.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(get("/admin/whoami", "Authorization", "Basic YWRtaW46eA==").statusCode()).isEqualTo(401);
        HttpResponse<String> wrong = get("/admin/whoami", "Authorization", "Bearer not-the-token");
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(wrong.body()).doesNotContain(TOKEN);
        HttpResponse<String> ok = get("/admin/whoami", "Authorization", "Bearer " + TOKEN, "X-Oncesync-Actor", "dana<script>");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).as("the authenticated identity; the client's claim is no actor")
                .isEqualTo("admin-token@127.0.0.1");
    }
}
