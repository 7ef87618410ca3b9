package io.oncesync.server.console;

import io.vertx.core.json.JsonObject;
import java.util.Optional;

/**
 * One way to sign in to the console. The admin token is the first; single sign-on or per-user passwords can be
 * added as further implementations without touching sessions, CSRF or the pages. Implementations compare secrets
 * in constant time and never log them.
 */
public interface Authenticator {

    /** The {@code method} a sign-in request names to use this authenticator ({@code admin-token}). */
    String method();

    /**
     * The identity the credentials prove ({@code console:admin}), as written to the audit log, or empty when they
     * prove nothing. Never throws for bad input.
     */
    Optional<String> authenticate(JsonObject credentials);
}
