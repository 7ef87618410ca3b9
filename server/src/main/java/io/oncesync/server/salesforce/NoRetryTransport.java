package io.oncesync.server.salesforce;

import com.sforce.ws.ConnectorConfig;
import com.sforce.ws.transport.Transport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * force-wsc's transport on {@link java.net.http.HttpClient} instead of {@code HttpURLConnection}, because the latter
 * silently sends a POST a second time when a kept-alive connection drops: a {@code create} could then reach
 * Salesforce twice and make two Leads. Here a dropped connection is an error the caller sees (a pause, after which
 * a fresh lookup finds whatever was written). Same wire behaviour otherwise: the headers wsc asks for, gzip both
 * ways when compression is on, success below HTTP 400.
 */
final class NoRetryTransport implements Transport {
    private final HttpClient http;
    private ConnectorConfig config;
    private URI uri;
    private Map<String, String> headers;
    private ByteArrayOutputStream body;
    private boolean compressed;
    private boolean successful;

    NoRetryTransport(HttpClient http) {
        this.http = http;
    }

    static HttpClient client(ConnectorConfig config) {
        HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofMillis(config.getConnectionTimeout() > 0 ? config.getConnectionTimeout() : 30_000));
        Proxy proxy = config.getProxy();
        if (proxy != null && proxy.type() == Proxy.Type.HTTP && proxy.address() instanceof InetSocketAddress a) {
            b.proxy(ProxySelector.of(a));
        }
        return b.build();
    }

    @Override
    public void setConfig(ConnectorConfig config) {
        this.config = config;
    }

    @Override
    public OutputStream connect(String url, String soapAction) throws IOException {
        HashMap<String, String> h = new HashMap<>();
        h.put("SOAPAction", "\"" + (soapAction == null ? "" : soapAction) + "\"");
        h.put("Content-Type", "text/xml; charset=UTF-8");
        h.put("Accept", "text/xml");
        return connect(url, h, true);
    }

    @Override
    public OutputStream connect(String url, HashMap<String, String> httpHeaders) throws IOException {
        return connect(url, httpHeaders, true);
    }

    @Override
    public OutputStream connect(String url, HashMap<String, String> httpHeaders, boolean enableCompression)
            throws IOException {
        this.uri = URI.create(url);
        this.headers = new HashMap<>(httpHeaders == null ? Map.of() : httpHeaders);
        if (config.getHeaders() != null) {
            headers.putAll(config.getHeaders());
        }
        headers.putIfAbsent("User-Agent", "oncesync (force-wsc " + ApiVersion.VALUE + ")");
        this.compressed = enableCompression && config.isCompression();
        this.body = new ByteArrayOutputStream(8192);
        return compressed ? new GZIPOutputStream(body) : body;
    }

    @Override
    public InputStream getContent() throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        if (config.getReadTimeout() > 0) {
            request.timeout(Duration.ofMillis(config.getReadTimeout()));
        }
        headers.forEach((k, v) -> {
            if (!k.equalsIgnoreCase("Content-Length") && !k.equalsIgnoreCase("Host")) {
                request.header(k, v);
            }
        });
        if (compressed) {
            request.header("Content-Encoding", "gzip").header("Accept-Encoding", "gzip");
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while calling " + uri);
        }
        successful = response.statusCode() < 400;
        InputStream in = new ByteArrayInputStream(response.body());
        boolean gzipped = response.headers().firstValue("Content-Encoding").map("gzip"::equalsIgnoreCase).orElse(false);
        return gzipped ? new GZIPInputStream(in) : in;
    }

    @Override
    public boolean isSuccessful() {
        return successful;
    }
}
