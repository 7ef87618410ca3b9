package io.oncesync.server.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oncesync.server.inbox.SharedState;
import io.oncesync.server.salesforce.connect.LoginHost;
import io.oncesync.server.salesforce.connect.PendingAuthorizations;
import io.oncesync.server.salesforce.connect.Pkce;
import io.oncesync.server.salesforce.connect.TokenCipher;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Salesforce connect flows waiting for their callback, kept in the shared database so the callback may reach any
 * instance behind the load balancer. The PKCE verifier is stored only encrypted under ONCESYNC_TOKEN_KEY (bound to
 * its state); a state is taken once (DELETE ... RETURNING) and expires with the flow.
 */
final class SharedPendingAuthorizations implements PendingAuthorizations.Store {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "oauth.pending.";

    private final SharedState state;
    private final TokenCipher cipher;
    private final Duration timeToLive;

    SharedPendingAuthorizations(SharedState state, TokenCipher cipher, Duration timeToLive) {
        this.state = state;
        this.cipher = cipher;
        this.timeToLive = timeToLive;
    }

    @Override
    public void put(PendingAuthorizations.Pending p) {
        String value = JSON.createObjectNode().put("verifier", cipher.encrypt(p.pkce().verifier(), p.state()))
                .put("hostKind", p.loginHost().kind().name()).put("host", p.loginHost().uri().toString())
                .put("expiresAt", p.expiresAt().toString()).toString();
        state.put(PREFIX + p.state(), Optional.of(value), null);
    }

    @Override
    public Optional<PendingAuthorizations.Pending> take(String flowState) {
        return state.take(PREFIX + flowState).map(text -> {
            try {
                JsonNode n = JSON.readTree(text);
                return new PendingAuthorizations.Pending(flowState,
                        Pkce.fromVerifier(cipher.decrypt(n.path("verifier").asText(), flowState).reveal()),
                        new LoginHost(LoginHost.Kind.valueOf(n.path("hostKind").asText()), URI.create(n.path("host").asText())),
                        Instant.parse(n.path("expiresAt").asText()));
            } catch (IOException | RuntimeException e) {
                // Unreadable (e.g. another token key): the callback is refused as unknown; the admin starts again.
                return null;
            }
        });
    }

    @Override
    public void purgeExpired(Instant now) {
        state.removeOlder(PREFIX, now.minus(timeToLive));
    }
}
