package io.oncesync.server.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.oncesync.localorg.LocalOrg;
import io.oncesync.server.config.ConfigKey;
import io.oncesync.server.config.ConfigLoader;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What a server started without a webhook secret or an admin token answers on the routes those would enable. */
@DisplayName("a server without webhook secrets or admin token")
class UnconfiguredRoutesTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    @DisplayName("answers 503 problems typed webhooks-not-configured and admin-api-disabled, so a client tells them from an outage")
    void typedProblems() throws Exception {
        Path dir = Files.createTempDirectory("oncesync-unconfigured-");
        try (LocalOrg org = LocalOrg.builder().port(0).start()) {
            Map<String, String> env = Harness.env(org, dir, 0);
            env.remove(ConfigKey.WEBHOOK_SECRETS.envName());
            env.remove(ConfigKey.ADMIN_TOKEN.envName());
            try (OncesyncApp app = OncesyncApp.start(ConfigLoader.load(env, Optional.empty(), ConfigLoader.Purpose.TOOL),
                    Harness.testOptions().withModules(RouteModules.installed()))) {
                String base = "http://127.0.0.1:" + app.port();
                HttpResponse<String> webhook = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/webhooks/oncehub"))
                        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(webhook.statusCode()).isEqualTo(503);
                assertThat(new JsonObject(webhook.body()).getString("type"))
                        .isEqualTo("urn:oncesync:problem:webhooks-not-configured");
                HttpResponse<String> admin = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/admin/deliveries")).GET()
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(admin.statusCode()).isEqualTo(503);
                assertThat(new JsonObject(admin.body()).getString("type")).isEqualTo("urn:oncesync:problem:admin-api-disabled");
            }
        } finally {
            Harness.deleteTree(dir);
        }
    }
}
