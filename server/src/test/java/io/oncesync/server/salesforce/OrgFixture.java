package io.oncesync.server.salesforce;

import io.oncesync.server.work.Backoff;

import io.oncesync.server.salesforce.connect.ConnectResult;
import io.oncesync.server.salesforce.connect.ConnectionStore;
import io.oncesync.server.salesforce.connect.LoginHost;
import io.oncesync.server.salesforce.connect.OAuthSettings;
import io.oncesync.server.salesforce.connect.SalesforceConnector;
import io.oncesync.server.salesforce.connect.TokenCipher;

import io.oncesync.localorg.LocalOrg;
import io.oncesync.server.config.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A local org plus a connector pointed at it, and the browser's part of the web-server flow (following the
 * authorize redirect) so tests can connect the way an admin does.
 */
public final class OrgFixture implements AutoCloseable {
    public static final URI CALLBACK = URI.create("http://127.0.0.1:9/connect/salesforce/callback");

    public final LocalOrg org;
    public final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    public final TokenCipher cipher = TokenCipher.fromBase64Key(Secret.of(TokenCipher.newBase64Key(new SecureRandom())),
            new SecureRandom());
    public final ConnectionStore store = ConnectionStore.inMemory();
    public final OAuthSettings settings;
    public final SalesforceConnector connector;

    private OrgFixture(LocalOrg org, LoginHost.Kind hostKind) {
        this.org = org;
        this.settings = new OAuthSettings(org.clientId(), Secret.of(org.clientSecret()), CALLBACK,
                new LoginHost(hostKind, URI.create(org.baseUrl())));
        this.connector = connector(PausePolicy.DEFAULT);
    }

    /** Another connector to the same org and store, with other pauses. */
    public SalesforceConnector connector(PausePolicy pauses) {
        return new SalesforceConnector(settings, cipher, store, pauses, http, Clock.systemUTC());
    }

    public static OrgFixture start() {
        return start(null, LoginHost.Kind.PRODUCTION);
    }

    /** A local org seeded from a test resource next to this class (null for none). */
    public static OrgFixture start(String seedResource, LoginHost.Kind hostKind) {
        LocalOrg.Builder b = LocalOrg.builder().port(0);
        if (seedResource != null) {
            b.seed(resourceFile(seedResource));
        }
        return new OrgFixture(b.start(), hostKind);
    }

    public static Path resourceFile(String name) {
        try (InputStream in = OrgFixture.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            Path file = Files.createTempFile("oncesync-seed-", ".json");
            file.toFile().deleteOnExit();
            Files.write(file, in.readAllBytes());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The admin's browser: authorize as {@code username}, follow Salesforce's redirect back, finish the connect. */
    public ConnectResult connectAs(String username) throws Exception {
        Map<String, String> back = authorize(connector.beginConnect(), username);
        return connector.completeConnect(back.get("state"), back.get("code"), back.get("error"), back.get("error_description"));
    }

    /** Query parameters of the redirect Salesforce answers the authorize URL with. */
    public Map<String, String> authorize(URI authorizeUrl, String username) throws Exception {
        URI url = URI.create(authorizeUrl + "&login_hint=" + java.net.URLEncoder.encode(username, StandardCharsets.UTF_8));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofString());
        String location = r.headers().firstValue("Location")
                .orElseThrow(() -> new AssertionError("authorize answered " + r.statusCode() + ": " + r.body()));
        Map<String, String> params = new HashMap<>();
        String query = URI.create(location).getRawQuery();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    /** Connects as the admin and opens a session with no waiting between lock retries. */
    public OrgSession adminSession() throws Exception {
        ConnectResult r = connectAs(org.adminUsername());
        if (!(r instanceof ConnectResult.Connected c)) {
            throw new AssertionError("admin could not connect: " + r);
        }
        return new OrgSession(c.client(), Clock.systemUTC(), Backoff.NONE);
    }

    @Override
    public void close() {
        org.close();
    }
}
