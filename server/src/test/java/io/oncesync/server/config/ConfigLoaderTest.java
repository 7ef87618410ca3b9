package io.oncesync.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    @TempDir
    Path dir;

    private static Map<String, String> serveEnv() {
        return Map.of("ONCESYNC_WEBHOOK_SECRETS", "whsec-one, whsec-two",
                "ONCESYNC_ADMIN_TOKEN", "admin-token-that-is-long-enough",
                "ONCESYNC_SF_CLIENT_ID", "3MVG9-client",
                "ONCESYNC_TOKEN_KEY", KEY);
    }

    @Test
    @DisplayName("Defaults apply when nothing is configured, for the CLI tools")
    void defaults() throws Exception {
        Config c = ConfigLoader.load(Map.of(), Optional.empty(), ConfigLoader.Purpose.TOOL);
        assertThat(c.http().port()).isEqualTo(8080);
        assertThat(c.storage().embedded()).isTrue();
        assertThat(c.webhooks().tolerance()).isEqualTo(Duration.ofDays(3));
        assertThat(c.rules().dir()).isEmpty();
        assertThat(c.rules().uploadEnabled()).isFalse();
        assertThat(c.salesforce().flow()).isEqualTo(Config.OAuthFlow.WEB_SERVER);
    }

    @Test
    @DisplayName("The batch time limit defaults to five minutes and must be between 1 s and a day")
    void batchTimeout() throws Exception {
        assertThat(ConfigLoader.load(Map.of(), Optional.empty(), ConfigLoader.Purpose.TOOL).resilience().batchTimeout())
                .isEqualTo(Duration.ofMinutes(5));
        assertThat(ConfigLoader.load(Map.of("ONCESYNC_BATCH_TIMEOUT_SECONDS", "45"), Optional.empty(),
                ConfigLoader.Purpose.TOOL).resilience().batchTimeout()).isEqualTo(Duration.ofSeconds(45));
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("ONCESYNC_BATCH_TIMEOUT_SECONDS", "0"), Optional.empty(),
                ConfigLoader.Purpose.TOOL))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ONCESYNC_BATCH_TIMEOUT_SECONDS (environment): must be between 1 and 86400, was 0");
    }

    @Test
    @DisplayName("Serve reports every missing secret at once, each naming its variable")
    void allProblemsAtOnce() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("ONCESYNC_HTTP_PORT", "eighty"), Optional.empty(),
                ConfigLoader.Purpose.SERVE))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).extracting(p -> p.key())
                        .containsExactlyInAnyOrder(ConfigKey.HTTP_PORT, ConfigKey.WEBHOOK_SECRETS,
                                ConfigKey.ADMIN_TOKEN, ConfigKey.SF_CLIENT_ID, ConfigKey.TOKEN_KEY))
                .hasMessageContaining("ONCESYNC_HTTP_PORT (environment): must be an integer, was 'eighty'");
    }

    @Test
    @DisplayName("Serve needs no webhook secret when it manages the OnceHub subscription, and checks the OnceHub keys")
    void managedSubscription() throws Exception {
        Map<String, String> env = new java.util.HashMap<>(serveEnv());
        env.remove("ONCESYNC_WEBHOOK_SECRETS");
        env.put("ONCESYNC_ONCEHUB_API_KEY", "oh-key");
        env.put("ONCESYNC_PUBLIC_URL", "https://sync.example.com/");
        Config c = ConfigLoader.load(env, Optional.empty(), ConfigLoader.Purpose.SERVE);
        assertThat(c.webhooks().secrets()).isEmpty();
        assertThat(c.oncehub().publicUrl()).isEqualTo("https://sync.example.com");
        assertThat(c.oncehub().apiUrl()).isEqualTo("https://api.oncehub.com/v2");
        assertThat(c.oncehub().pollInterval()).isEqualTo(Duration.ofMinutes(15));
        assertThat(c.toString()).doesNotContain("oh-key");
        env.put("ONCESYNC_PUBLIC_URL", "sync.example.com");
        env.put("ONCESYNC_ONCEHUB_POLL_SECONDS", "0");
        assertThatThrownBy(() -> ConfigLoader.load(env, Optional.empty(), ConfigLoader.Purpose.SERVE))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).extracting(p -> p.key())
                        .containsExactlyInAnyOrder(ConfigKey.PUBLIC_URL, ConfigKey.ONCEHUB_POLL_SECONDS));
    }

    @Test
    @DisplayName("The environment wins over the file, and the file's values are used otherwise")
    void environmentWinsOverFile() throws Exception {
        Path file = dir.resolve("oncesync.properties");
        Files.writeString(file, "oncesync.http.port=9000\noncesync.workers=7\n", StandardCharsets.UTF_8);
        Config c = ConfigLoader.load(Map.of("ONCESYNC_HTTP_PORT", "9100"), Optional.of(file), ConfigLoader.Purpose.TOOL);
        assertThat(c.http().port()).isEqualTo(9100);
        assertThat(c.workers().threads()).isEqualTo(7);
    }

    @Test
    @DisplayName("An unknown key in the file is an error, so a typo cannot fall back to a default silently")
    void unknownFileKey() throws Exception {
        Path file = dir.resolve("oncesync.properties");
        Files.writeString(file, "oncesync.http.prot=9000\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(), Optional.of(file), ConfigLoader.Purpose.TOOL))
                .hasMessageContaining("unknown key 'oncesync.http.prot'");
    }

    @Test
    @DisplayName("Out-of-range numbers, bad flags, bad URLs and a short token key are rejected")
    void badValues() {
        Map<String, String> env = new java.util.HashMap<>(serveEnv());
        env.put("ONCESYNC_WORKERS", "0");
        env.put("ONCESYNC_RULES_UPLOAD_ENABLED", "yes");
        env.put("ONCESYNC_SF_LOGIN_URL", "login.salesforce.com");
        env.put("ONCESYNC_TOKEN_KEY", Base64.getEncoder().encodeToString(new byte[16]));
        env.put("ONCESYNC_DB_URL", "jdbc:mysql://x/y");
        assertThatThrownBy(() -> ConfigLoader.load(env, Optional.empty(), ConfigLoader.Purpose.SERVE))
                .satisfies(e -> assertThat(((ConfigException) e).problems()).extracting(p -> p.key())
                        .containsExactlyInAnyOrder(ConfigKey.WORKERS, ConfigKey.RULES_UPLOAD_ENABLED,
                                ConfigKey.SF_LOGIN_URL, ConfigKey.TOKEN_KEY, ConfigKey.DB_URL));
    }

    @Test
    @DisplayName("Printing the configuration never shows a secret")
    void secretsRedacted() throws Exception {
        Map<String, String> env = new java.util.HashMap<>(serveEnv());
        env.put("ONCESYNC_SF_CLIENT_SECRET", "sf-client-secret-value");
        env.put("ONCESYNC_DB_PASSWORD", "db-password-value");
        Config c = ConfigLoader.load(env, Optional.empty(), ConfigLoader.Purpose.SERVE);
        String printed = c.toString();
        assertThat(printed).doesNotContain("whsec-one", "admin-token-that-is-long-enough", KEY,
                "sf-client-secret-value", "db-password-value").contains("****");
        assertThat(c.webhooks().secrets()).extracting(Secret::reveal).containsExactly("whsec-one", "whsec-two");
    }

    @Test
    @DisplayName("The operations guide documents every configuration key with its default")
    void readmeListsEveryKey() throws Exception {
        String readme = Files.readString(Path.of("..", "docs", "operations.md"), StandardCharsets.UTF_8);
        assertThat(readme).contains(ConfigKey.markdownTable());
    }
}
