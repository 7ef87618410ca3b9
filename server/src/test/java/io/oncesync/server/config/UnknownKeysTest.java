package io.oncesync.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnknownKeysTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName("A misspelled ONCESYNC_* variable is reported with the nearest key; others are not")
    void misspelledEnvironmentKey() {
        assertThat(ConfigLoader.unknownEnvironmentKeys(Map.of("ONCESYNC_HTTP_PROT", "9000", "ONCESYNC_HTTP_PORT", "9001",
                "PATH", "/bin", "ONCESYNC_SF_ACCESS_TOKEN", "x")))
                .containsExactly("ONCESYNC_HTTP_PROT is not a configuration key and is ignored; did you mean ONCESYNC_HTTP_PORT?");
        assertThat(ConfigLoader.unknownEnvironmentKeys(Map.of("ONCESYNC_WEBHOOK_SECRET", "x")))
                .containsExactly("ONCESYNC_WEBHOOK_SECRET is not a configuration key and is ignored; did you mean ONCESYNC_WEBHOOK_SECRETS?");
        assertThat(ConfigLoader.unknownEnvironmentKeys(Map.of("ONCESYNC_ADMNI_TOKEN", "x")).get(0))
                .endsWith("did you mean ONCESYNC_ADMIN_TOKEN?");
        assertThat(ConfigLoader.unknownEnvironmentKeys(Map.of("ONCESYNC_SOMETHING_ELSE_ENTIRELY", "x")))
                .containsExactly("ONCESYNC_SOMETHING_ELSE_ENTIRELY is not a configuration key and is ignored");
        assertThat(ConfigLoader.unknownEnvironmentKeys(Map.of("ONCESYNC_HTTP_PORT", "1"))).isEmpty();
    }

    @Test
    @DisplayName("A misspelled key in the configuration file is an error that suggests the right one")
    void misspelledFileKey() throws Exception {
        Path file = dir.resolve("oncesync.properties");
        Files.writeString(file, "oncesync.http.prot=9000\n");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(), Optional.of(file), ConfigLoader.Purpose.TOOL))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown key 'oncesync.http.prot'; did you mean oncesync.http.port?");
    }

    @Test
    @DisplayName("Edit distance counts insertions, deletions, substitutions and swaps")
    void editDistance() {
        assertThat(ConfigLoader.editDistance("PROT", "PORT")).isEqualTo(1);
        assertThat(ConfigLoader.editDistance("PORT", "PORTS")).isEqualTo(1);
        assertThat(ConfigLoader.editDistance("", "ABC")).isEqualTo(3);
        assertThat(ConfigLoader.editDistance("KITTEN", "SITTING")).isEqualTo(3);
    }

    @Test
    @DisplayName("The intake limits and TLS keys are read and checked")
    void limitsAndTls() throws Exception {
        Config c = ConfigLoader.load(Map.of("ONCESYNC_HTTP_MAX_CONNECTIONS", "50", "ONCESYNC_HTTP_IDLE_TIMEOUT_SECONDS", "7",
                "ONCESYNC_HTTP_REQUEST_TIMEOUT_SECONDS", "9", "ONCESYNC_WEBHOOK_MAX_INFLIGHT_BYTES", "2097152"),
                Optional.empty(), ConfigLoader.Purpose.TOOL);
        assertThat(c.http().maxConnections()).isEqualTo(50);
        assertThat(c.http().idleTimeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(c.http().requestTimeout()).isEqualTo(Duration.ofSeconds(9));
        assertThat(c.webhooks().maxInflightBytes()).isEqualTo(2_097_152L);
        assertThat(c.http().https()).isFalse();
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("ONCESYNC_WEBHOOK_MAX_INFLIGHT_BYTES", "2048"), Optional.empty(),
                ConfigLoader.Purpose.TOOL)).hasMessageContaining("ONCESYNC_WEBHOOK_MAX_INFLIGHT_BYTES")
                .hasMessageContaining("must be at least ONCESYNC_WEBHOOK_MAX_BODY_BYTES");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("ONCESYNC_TLS_CERT", dir.resolve("missing.pem").toString()),
                Optional.empty(), ConfigLoader.Purpose.TOOL)).hasMessageContaining("ONCESYNC_TLS_CERT")
                .hasMessageContaining("cannot read").hasMessageContaining("TLS needs both");
    }
}
