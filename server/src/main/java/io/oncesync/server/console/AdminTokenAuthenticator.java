package io.oncesync.server.console;

import io.oncesync.server.config.Secret;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.Optional;

/** Signs in whoever presents ONCESYNC_ADMIN_TOKEN as {@code {"method":"admin-token","token":"…"}}: {@code console:admin}. */
public final class AdminTokenAuthenticator implements Authenticator {
    public static final String METHOD = "admin-token";
    public static final String IDENTITY = "console:admin";

    private final Secret token;

    public AdminTokenAuthenticator(Secret token) {
        this.token = Objects.requireNonNull(token, "token");
    }

    @Override
    public String method() {
        return METHOD;
    }

    @Override
    public Optional<String> authenticate(JsonObject credentials) {
        Object presented = credentials == null ? null : credentials.getValue("token");
        if (token.isEmpty() || !(presented instanceof String s) || s.isBlank()) {
            return Optional.empty();
        }
        boolean same = MessageDigest.isEqual(s.strip().getBytes(StandardCharsets.UTF_8),
                token.reveal().getBytes(StandardCharsets.UTF_8));
        return same ? Optional.of(IDENTITY) : Optional.empty();
    }
}
