package io.oncesync.server.salesforce.connect;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * Where users log in and OAuth tokens are issued: production ({@code login.salesforce.com}), sandbox
 * ({@code test.salesforce.com}) or a My Domain host. Plain http is only accepted on loopback (the local org).
 */
public record LoginHost(Kind kind, URI uri) {

    public enum Kind { PRODUCTION, SANDBOX, MY_DOMAIN }

    public static final URI PRODUCTION_URI = URI.create("https://login.salesforce.com");
    public static final URI SANDBOX_URI = URI.create("https://test.salesforce.com");

    public LoginHost {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(uri, "uri");
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("login host '" + uri + "' has no host name");
        }
        if (!scheme.equals("https") && !(scheme.equals("http") && isLoopback(uri.getHost()))) {
            throw new IllegalArgumentException("login host '" + uri + "' must use https (http only on loopback)");
        }
        if ((uri.getPath() != null && !uri.getPath().isEmpty() && !uri.getPath().equals("/"))
                || uri.getQuery() != null || uri.getFragment() != null || uri.getUserInfo() != null) {
            throw new IllegalArgumentException("login host '" + uri + "' must be scheme://host[:port] only");
        }
        uri = URI.create(scheme + "://" + uri.getRawAuthority());
    }

    public static LoginHost production() {
        return new LoginHost(Kind.PRODUCTION, PRODUCTION_URI);
    }

    public static LoginHost sandbox() {
        return new LoginHost(Kind.SANDBOX, SANDBOX_URI);
    }

    public static LoginHost myDomain(String url) {
        return new LoginHost(Kind.MY_DOMAIN, URI.create(url.strip()));
    }

    /**
     * Parses a configuration value: {@code production}, {@code sandbox} or a My Domain URL such as
     * {@code https://acme.my.salesforce.com}. A My Domain whose host contains {@code .sandbox.} is a sandbox.
     */
    public static LoginHost parse(String value) {
        String v = Objects.requireNonNull(value, "login host").strip();
        switch (v.toLowerCase(Locale.ROOT)) {
            case "production", "login", "login.salesforce.com": return production();
            case "sandbox", "test", "test.salesforce.com": return sandbox();
            default:
                if (!v.contains("://")) {
                    throw new IllegalArgumentException(
                            "login host '" + v + "' is neither production, sandbox nor a https:// URL");
                }
                URI uri = URI.create(v);
                boolean sandbox = uri.getHost() != null
                        && uri.getHost().toLowerCase(Locale.ROOT).contains(".sandbox.my.salesforce.com");
                return new LoginHost(sandbox ? Kind.SANDBOX : Kind.MY_DOMAIN, uri);
        }
    }

    public URI authorizeEndpoint() {
        return uri.resolve("/services/oauth2/authorize");
    }

    public URI tokenEndpoint() {
        return uri.resolve("/services/oauth2/token");
    }

    public boolean isSandbox() {
        return kind == Kind.SANDBOX;
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]") || host.equals("::1");
    }
}
