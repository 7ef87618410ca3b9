package io.oncesync.server.salesforce.connect;

import io.oncesync.server.work.Backoff;
import io.oncesync.server.salesforce.PausePolicy;
import io.oncesync.server.salesforce.SalesforceGateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.oncesync.localorg.LocalOrg;
import io.oncesync.server.config.Secret;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The Connect pop-up's routes, over HTTP with a real browser-like client")
class ConnectRoutesTest {
    private static final String ADMIN = "Bearer test-admin-token";

    private LocalOrg org;
    private Vertx vertx;
    private HttpServer server;
    private SalesforceGateway gateway;
    private final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() throws Exception {
        org = LocalOrg.builder().port(0).start();
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        server = vertx.createHttpServer().requestHandler(router).listen(0).toCompletionStage().toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        URI callback = URI.create("http://127.0.0.1:" + server.actualPort() + "/connect/salesforce/callback");
        OAuthSettings settings = new OAuthSettings(org.clientId(), Secret.of(org.clientSecret()), callback,
                new LoginHost(LoginHost.Kind.PRODUCTION, URI.create(org.baseUrl())));
        TokenCipher cipher = TokenCipher.fromBase64Key(Secret.of(TokenCipher.newBase64Key(new SecureRandom())), new SecureRandom());
        gateway = new SalesforceGateway(new SalesforceConnector(settings, cipher, ConnectionStore.inMemory(),
                PausePolicy.DEFAULT, browser, Clock.systemUTC()), Clock.systemUTC(), Backoff.NONE);
        new ConnectRoutes(gateway, ctx -> {
            if (ADMIN.equals(ctx.request().getHeader("Authorization"))) {
                ctx.next();
            } else {
                ctx.response().setStatusCode(401).end();
            }
        }).mount(router);
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        org.close();
    }

    private HttpResponse<String> get(String url, boolean admin) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).GET();
        if (admin) {
            b.header("Authorization", ADMIN);
        }
        return browser.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Starts a connect as the admin, lets Salesforce approve for {@code user}, follows the redirect back. */
    private HttpResponse<String> connectAs(String user) throws Exception {
        return connectAs(user, null);
    }

    private HttpResponse<String> connectAs(String user, String accept) throws Exception {
        String base = "http://127.0.0.1:" + server.actualPort();
        HttpResponse<String> start = browser.send(HttpRequest.newBuilder(URI.create(base + "/connect/salesforce"))
                .header("Authorization", ADMIN).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(start.statusCode()).isEqualTo(200);
        String authorize = new JsonObject(start.body()).getString("authorizeUrl");
        assertThat(authorize).startsWith(org.baseUrl() + "/services/oauth2/authorize?");
        HttpResponse<String> approved = get(authorize + "&login_hint=" + user, false);
        String back = approved.headers().firstValue("Location").orElseThrow();
        assertThat(back).startsWith(base + "/connect/salesforce/callback?");
        if (accept != null) {
            return browser.send(HttpRequest.newBuilder(URI.create(back)).header("Accept", accept).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        }
        return get(back, false);
    }

    @Test
    @DisplayName("a browser coming back from Salesforce is sent to the console's connection page with the result")
    void backToTheConsole() throws Exception {
        String html = "text/html,application/xhtml+xml,*/*;q=0.8";
        HttpResponse<String> refused = connectAs(org.standardUsername(), html);
        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(refused.headers().firstValue("Location").orElseThrow())
                .startsWith("/console/connection?connect=refused&reason=NOT_AN_ADMINISTRATOR&message=");
        HttpResponse<String> ok = connectAs(org.adminUsername(), html);
        assertThat(ok.headers().firstValue("Location")).hasValue("/console/connection?connect=ok");
    }

    @Test
    @DisplayName("an admin connects through the pop-up, and the status names who connected")
    void adminConnects() throws Exception {
        HttpResponse<String> done = connectAs(org.adminUsername());
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(done.body()).getString("user")).isEqualTo(org.adminUsername());

        JsonObject status = new JsonObject(get("http://127.0.0.1:" + server.actualPort() + "/connect/salesforce/status", true).body());
        assertThat(status.getString("state")).isEqualTo("CONNECTED");
        assertThat(status.getString("connectedBy")).isEqualTo(org.adminUsername());
        assertThat(status.getLong("apiRequestsUsed")).isPositive();
    }

    @Test
    @DisplayName("a standard user is refused with 403 and the reason; starting a connect needs the admin token")
    void refusals() throws Exception {
        HttpResponse<String> done = connectAs(org.standardUsername());
        assertThat(done.statusCode()).isEqualTo(403);
        assertThat(new JsonObject(done.body()).getString("detail")).contains("Only a System Administrator");
        // a client tells the refusals apart by type, not by reading the detail
        assertThat(new JsonObject(done.body()).getString("type")).isEqualTo("urn:oncesync:problem:not-an-administrator");
        assertThat(get("http://127.0.0.1:" + server.actualPort() + "/connect/salesforce", false).statusCode()).isEqualTo(401);
        HttpResponse<String> forged = get("http://127.0.0.1:" + server.actualPort()
                + "/connect/salesforce/callback?state=forged&code=x", false);
        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(forged.body()).getString("type")).isEqualTo("urn:oncesync:problem:unknown-or-expired-state");
        HttpResponse<String> badHost = get("http://127.0.0.1:" + server.actualPort() + "/connect/salesforce?host=ftp://x", true);
        assertThat(badHost.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(badHost.body()).getString("type")).isEqualTo("urn:oncesync:problem:bad-login-host");
        HttpResponse<String> redirect = get("http://127.0.0.1:" + server.actualPort() + "/connect/salesforce?host=sandbox", true);
        assertThat(redirect.statusCode()).isEqualTo(302);
        assertThat(redirect.headers().firstValue("Location").orElseThrow())
                .startsWith("https://test.salesforce.com/services/oauth2/authorize?");
        assertThat(get("http://127.0.0.1:" + server.actualPort() + "/connect/salesforce?host=ftp://x", true).statusCode())
                .isEqualTo(400);
    }
}
