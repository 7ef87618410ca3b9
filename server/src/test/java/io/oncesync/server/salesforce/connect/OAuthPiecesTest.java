package io.oncesync.server.salesforce.connect;

import io.oncesync.server.config.Secret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("OAuth building blocks")
class OAuthPiecesTest {

    @Test
    @DisplayName("PKCE S256 is base64url(sha256(verifier)) without padding, as computed independently by openssl")
    void pkceRfcVector() {
        Pkce p = Pkce.fromVerifier("dBjftJeZ4CVP-mJ92K1hv0DWa7gVZvsJpmpTcA8uh3A");
        assertThat(p.challenge()).isEqualTo("4bEsmpJzss29IQrZC1Bw7GRoXNHKAaBN6vYbFh8i5xQ");
        assertThat(Pkce.generate(new SecureRandom()).verifier().reveal()).hasSize(43);
    }

    @Test
    @DisplayName("login hosts: production, sandbox, My Domain; https only except on loopback")
    void loginHosts() {
        assertThat(LoginHost.parse("production").tokenEndpoint())
                .isEqualTo(URI.create("https://login.salesforce.com/services/oauth2/token"));
        assertThat(LoginHost.parse("sandbox").authorizeEndpoint())
                .isEqualTo(URI.create("https://test.salesforce.com/services/oauth2/authorize"));
        assertThat(LoginHost.parse("https://acme.my.salesforce.com/").kind()).isEqualTo(LoginHost.Kind.MY_DOMAIN);
        assertThat(LoginHost.parse("https://acme--uat.sandbox.my.salesforce.com").isSandbox()).isTrue();
        assertThat(LoginHost.parse("http://127.0.0.1:8443").uri()).isEqualTo(URI.create("http://127.0.0.1:8443"));
        assertThatThrownBy(() -> LoginHost.parse("http://acme.my.salesforce.com"))
                .hasMessage("login host 'http://acme.my.salesforce.com' must use https (http only on loopback)");
        assertThatThrownBy(() -> LoginHost.parse("https://acme.my.salesforce.com/services?x=1"))
                .hasMessageContaining("must be scheme://host[:port] only");
        assertThatThrownBy(() -> LoginHost.parse("acme")).hasMessageContaining("neither production, sandbox nor");
    }

    @Test
    @DisplayName("the authorize URL carries client id, callback, state and the S256 challenge, never the verifier")
    void authorizeUrl() {
        OAuthSettings s = new OAuthSettings("3MVG9 id", Secret.of("secret"), URI.create("https://sync.example.com/connect/salesforce/callback"),
                LoginHost.sandbox());
        Pkce pkce = Pkce.fromVerifier("dBjftJeZ4CVP-mJ92K1hv0DWa7gVZvsJpmpTcA8uh3A");
        URI url = new OAuthClient(s).authorizeUrl("st4te", pkce);
        assertThat(url.toString()).startsWith("https://test.salesforce.com/services/oauth2/authorize?response_type=code")
                .contains("client_id=3MVG9+id", "state=st4te", "code_challenge=4bEsmpJzss29IQrZC1Bw7GRoXNHKAaBN6vYbFh8i5xQ",
                        "code_challenge_method=S256",
                        "redirect_uri=https%3A%2F%2Fsync.example.com%2Fconnect%2Fsalesforce%2Fcallback")
                .doesNotContain("dBjftJeZ4CVP", "secret");
    }

    @Test
    @DisplayName("a state is good once, and not after its ten minutes")
    void statesAreOneTime() {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-26T22:00:00Z"));
        Clock clock = new Clock() {
            @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
            @Override public Clock withZone(java.time.ZoneId zone) { return this; }
            @Override public Instant instant() { return now.get(); }
        };
        PendingAuthorizations pending = new PendingAuthorizations(new SecureRandom(), clock, Duration.ofMinutes(10));
        PendingAuthorizations.Pending a = pending.start(LoginHost.production());
        PendingAuthorizations.Pending b = pending.start(LoginHost.sandbox());
        assertThat(pending.take(a.state())).contains(a);
        assertThat(pending.take(a.state())).isEmpty();
        assertThat(pending.take("forged")).isEmpty();
        now.set(now.get().plus(Duration.ofMinutes(11)));
        assertThat(pending.take(b.state())).isEmpty();
    }
}
