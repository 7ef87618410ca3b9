package io.oncesync.server.salesforce.connect;

import io.oncesync.server.config.Secret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Refresh tokens at rest")
class TokenCipherTest {
    private final SecureRandom random = new SecureRandom();
    private final TokenCipher cipher = TokenCipher.fromBase64Key(Secret.of(TokenCipher.newBase64Key(random)), random);
    private final Secret token = Secret.of("5Aep861refresh.token.value==");

    @Test
    @DisplayName("decrypt to the token they were made from, and never contain it in clear")
    void roundTrip() {
        String stored = cipher.encrypt(token, "00D000000000001EAA");
        assertThat(stored).startsWith("v1:").doesNotContain(token.reveal());
        assertThat(cipher.decrypt(stored, "00D000000000001EAA")).isEqualTo(token);
        assertThat(cipher.encrypt(token, "00D000000000001EAA")).as("fresh IV each time").isNotEqualTo(stored);
    }

    @Test
    @DisplayName("refuse to decrypt when tampered with, moved to another org or read with another key")
    void tamperingIsDetected() {
        String stored = cipher.encrypt(token, "00D000000000001EAA");
        byte[] raw = Base64.getDecoder().decode(stored.substring(3));
        raw[raw.length - 1] ^= 1;
        String tampered = "v1:" + Base64.getEncoder().encodeToString(raw);
        TokenCipher other = TokenCipher.fromBase64Key(Secret.of(TokenCipher.newBase64Key(random)), random);
        assertThatThrownBy(() -> cipher.decrypt(tampered, "00D000000000001EAA"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not decrypt");
        assertThatThrownBy(() -> cipher.decrypt(stored, "00D000000000002EAA")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> other.decrypt(stored, "00D000000000001EAA")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cipher.decrypt("plain-token", "00D000000000001EAA"))
                .hasMessage("stored token is not in the v1 encrypted form");
    }

    @Test
    @DisplayName("need a 256-bit key and say so when given anything else")
    void keyValidation() {
        assertThatThrownBy(() -> TokenCipher.fromBase64Key(Secret.of(Base64.getEncoder().encodeToString(new byte[16])), random))
                .hasMessage("token key must be 32 bytes (base64 of 256 bits), was 16");
        assertThatThrownBy(() -> TokenCipher.fromBase64Key(Secret.of("not base64 at all!"), random))
                .hasMessage("token key is not base64");
    }

    @Test
    @DisplayName("and every secret-carrying value redact themselves in toString")
    void redaction() {
        assertThat(token.toString()).isEqualTo("****");
        assertThat(cipher.toString()).doesNotContain("=");
        OAuthSettings settings = new OAuthSettings("client-id", Secret.of("s3cr3t-value"), null, LoginHost.production());
        assertThat(settings.toString()).doesNotContain("s3cr3t-value");
        TokenGrant grant = new TokenGrant(Secret.of("access-123456"), java.util.Optional.of(token),
                java.net.URI.create("https://acme.my.salesforce.com"), "00D", "005", java.time.Instant.EPOCH);
        assertThat(grant.toString()).doesNotContain("access-123456", token.reveal());
        OrgConnection c = new OrgConnection("00D", "Acme", "005", "ada@acme.com", "Ada", LoginHost.production(),
                "https://acme.my.salesforce.com", OrgConnection.Grant.WEB_SERVER,
                java.util.Optional.of(cipher.encrypt(token, "00D")), java.time.Instant.EPOCH);
        assertThat(c.toString()).doesNotContain("v1:").contains("[encrypted, redacted]", "ada@acme.com");
    }
}
