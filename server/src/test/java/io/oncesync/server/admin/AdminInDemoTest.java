package io.oncesync.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.oncesync.server.demo.Demo;
import io.oncesync.server.app.RouteModules;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The admin API as {@code demo} and {@code serve} mount it (found through ServiceLoader), after the sample webhooks. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("the admin API inside the running demo")
class AdminInDemoTest {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Demo demo;
    private int samples;

    @BeforeAll
    void start() throws Exception {
        assertThat(RouteModules.installed()).anyMatch(m -> m instanceof AdminModule);
        demo = Demo.start(new Demo.Settings("127.0.0.1", 0, 0), RouteModules.installed());
        Demo.Result result = demo.sendSamples();
        assertThat(result.ok()).isTrue();
        samples = result.deliveries().size();
    }

    @AfterAll
    void stop() {
        if (demo != null) {
            demo.close();
        }
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(demo.serverUrl() + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @DisplayName("lists the applied sample deliveries and shows one with its plan, trace and Salesforce ids")
    void deliveries() throws Exception {
        JsonArray applied = new JsonObject(get("/admin/deliveries?status=APPLIED", demo.adminToken()).body()).getJsonArray("items");
        assertThat(applied).hasSize(samples);
        String eventId = applied.getJsonObject(applied.size() - 1).getString("eventId");
        JsonObject detail = new JsonObject(get("/admin/deliveries/" + eventId, demo.adminToken()).body());
        assertThat(detail.getJsonObject("payload").getString("id")).isEqualTo(eventId);
        assertThat(detail.getJsonObject("plan").getJsonArray("actions")).isNotEmpty();
        assertThat(detail.getJsonObject("trace").getJsonArray("rulesFired")).isNotEmpty();
        assertThat(detail.getJsonObject("salesforce").getString("personId")).matches("00Q\\w{15}|003\\w{15}");
    }

    @Test
    @DisplayName("guards every admin route with the demo's token and shows the connection")
    void guarded() throws Exception {
        assertThat(get("/admin/connection", null).statusCode()).isEqualTo(401);
        assertThat(get("/admin/connection", "wrong-token").statusCode()).isEqualTo(403);
        JsonObject c = new JsonObject(get("/admin/connection", demo.adminToken()).body());
        assertThat(c.getString("state")).isEqualTo("CONNECTED");
        assertThat(c.getJsonObject("apiUsage").getBoolean("known")).isTrue();
    }
}
