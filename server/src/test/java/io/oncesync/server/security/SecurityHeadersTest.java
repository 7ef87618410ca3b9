package io.oncesync.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.oncesync.server.http.SecurityHeaders;
import io.oncesync.server.ingest.HttpLimits;
import io.oncesync.server.ingest.HttpVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.net.SelfSignedCertificate;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Security headers on every answer, overridable by a route; HSTS only over HTTPS (built-in TLS). */
class SecurityHeadersTest {
    private Vertx vertx;
    private SelfSignedCertificate certificate;

    @AfterEach
    void stop() throws Exception {
        if (vertx != null) {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
        if (certificate != null) {
            certificate.delete();
        }
    }

    private int serve(Optional<HttpVerticle.Tls> tls) throws Exception {
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        SecurityHeaders.install(router);
        router.get("/api").handler(ctx -> ctx.json(new io.vertx.core.json.JsonObject().put("ok", true)));
        router.get("/console/page").handler(ctx -> ctx.response().putHeader("Content-Type", "text/html; charset=utf-8")
                .putHeader("Content-Security-Policy", "default-src 'self'").putHeader("Cache-Control", "private, max-age=60")
                .end("<p>hi</p>"));
        router.get("/html").handler(ctx -> ctx.response().putHeader("Content-Type", "text/html").end("<p>x</p>"));
        List<HttpVerticle> verticles = new CopyOnWriteArrayList<>();
        HttpVerticle.Gate gate = new HttpVerticle.Gate(100);
        vertx.deployVerticle(() -> {
            HttpVerticle v = new HttpVerticle(router, "127.0.0.1", -1, HttpLimits.defaults(), gate, tls);
            verticles.add(v);
            return v;
        }, new DeploymentOptions().setInstances(1)).await(10, TimeUnit.SECONDS);
        return verticles.get(0).actualPort();
    }

    @Test
    @DisplayName("API answers and 404s carry nosniff, DENY, no-referrer, no-store and a deny-all CSP; no HSTS over HTTP; no CORS")
    void plainHttp() throws Exception {
        int port = serve(Optional.empty());
        HttpClient http = HttpClient.newHttpClient();
        for (String path : List.of("/api", "/admin/nothing-here")) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Origin", "https://evil.example").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
            assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("DENY");
            assertThat(r.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
            assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
            if (path.equals("/api")) {
                assertThat(r.headers().firstValue("Content-Security-Policy")).hasValue(SecurityHeaders.API_CSP);
            }
            assertThat(r.headers().firstValue("Strict-Transport-Security")).isEmpty();
            assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        }
    }

    @Test
    @DisplayName("A route's own CSP and caching win; HTML gets no default CSP (the console sets its own)")
    void routesOverride() throws Exception {
        int port = serve(Optional.empty());
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/console/page")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.headers().allValues("Content-Security-Policy")).containsExactly("default-src 'self'");
        assertThat(page.headers().allValues("Cache-Control")).containsExactly("private, max-age=60");
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        HttpResponse<String> html = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/html")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(html.headers().firstValue("Content-Security-Policy")).isEmpty();
    }

    @Test
    @DisplayName("With ONCESYNC_TLS_CERT/KEY the server speaks HTTPS and adds HSTS")
    void httpsAddsHsts() throws Exception {
        certificate = SelfSignedCertificate.create("localhost");
        int port = serve(Optional.of(new HttpVerticle.Tls(Path.of(certificate.certificatePath()),
                Path.of(certificate.privateKeyPath()))));
        SSLContext trustAll = SSLContext.getInstance("TLS");
        trustAll.init(null, new TrustManager[]{new X509TrustManager() {
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, new SecureRandom());
        System.setProperty("jdk.internal.httpclient.disableHostnameVerification", "true");
        HttpClient https = HttpClient.newBuilder().sslContext(trustAll).build();
        HttpResponse<String> r = https.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/api"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Strict-Transport-Security")).hasValue(SecurityHeaders.HSTS);
    }
}
