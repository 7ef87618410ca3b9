package io.oncesync.server.config;

import java.util.List;
import java.util.Locale;

/**
 * Every configuration key oncesync reads, with its default and meaning. This list is the single source of
 * the README's configuration table (a test keeps them equal).
 *
 * <p>Each key is read from the environment as {@code ONCESYNC_HTTP_PORT} and from the optional
 * properties file as {@code oncesync.http.port}; the environment wins.
 */
public enum ConfigKey {
    HTTP_HOST("0.0.0.0", false, "Interface the HTTP server binds to."),
    HTTP_PORT("8080", false, "HTTP port for webhooks, the admin API, /health, /ready and /metrics."),
    DATA_DIR("./data", false, "Directory for the embedded SQLite database and other local state."),
    DB_URL("", false, "JDBC URL of a PostgreSQL database shared by several instances; empty = SQLite in DATA_DIR."),
    DB_USER("", false, "PostgreSQL user (with DB_URL)."),
    DB_PASSWORD("", true, "PostgreSQL password (with DB_URL)."),
    INSTANCE_TIMEOUT_SECONDS("10", false, "With DB_URL: seconds without a heartbeat (sent every second) after which an instance counts as dead and the others take over the events it had claimed."),
    WEBHOOK_SECRETS("", true, "OnceHub webhook signing secrets, comma-separated; several at once during rotation. Required by serve."),
    WEBHOOK_TOLERANCE_SECONDS("259200", false, "Oldest signature timestamp accepted, in seconds (OnceHub retries for about 3 days); duplicates are caught by event id."),
    WEBHOOK_MAX_BODY_BYTES("1048576", false, "Largest webhook body accepted; larger ones get 413."),
    ADMIN_TOKEN("", true, "Bearer token of the admin API. Required by serve; at least 24 characters."),
    RULES_DIR("", false, "Directory of DRL policies and settings; empty = the rules bundled in the jar."),
    RULES_UPLOAD_ENABLED("false", false, "Allow uploading DRL through the admin API. DRL can run arbitrary Java: keep off unless needed."),
    SF_LOGIN_URL("https://login.salesforce.com", false, "Salesforce login host: https://test.salesforce.com for a sandbox, or a My Domain URL."),
    SF_CLIENT_ID("", false, "Consumer key of the Salesforce connected app."),
    SF_CLIENT_SECRET("", true, "Consumer secret of the Salesforce connected app."),
    SF_REDIRECT_URI("http://localhost:8080/connect/salesforce/callback", false, "OAuth callback URL registered on the connected app."),
    SF_FLOW("web_server", false, "OAuth flow: web_server (an admin clicks Connect) or client_credentials (headless)."),
    TOKEN_KEY("", true, "Base64 of 32 random bytes; encrypts the Salesforce refresh token at rest. Required by serve."),
    WORKERS("4", false, "Worker threads applying events to Salesforce."),
    BATCH_SIZE("50", false, "Events handed to one Salesforce lookup/write batch."),
    BATCH_TIMEOUT_SECONDS("300", false, "Longest one batch may be processed (1–86400 s). A batch still running then (a rule or a call that never ends) is given up: its worker is replaced, its events go back to the inbox with the interruption counted towards QUARANTINE_AFTER, and are retried one by one."),
    SF_DAILY_API_RESERVE("1000", false, "API calls left untouched for other integrations; syncing pauses below it."),
    SF_MAX_CONCURRENT_CALLS("10", false, "Most Salesforce API calls in flight at once (1–25), shared by all workers. Salesforce allows 25 concurrent long-running calls per org (5 on Developer Edition and trial orgs): leave room for other integrations."),
    PUBLIC_URL("", false, "Public base URL OnceHub reaches this oncesync at (https://…); the managed webhook subscription points at PUBLIC_URL/webhooks/oncehub."),
    ONCEHUB_API_URL("https://api.oncehub.com/v2", false, "OnceHub API base URL (a local OnceHub's /v2 URL in tests)."),
    ONCEHUB_API_KEY("", true, "OnceHub API key (Account Integrations → APIs & Webhooks); empty = the one stored encrypted by 'oncesync oncehub connect', if any. With it, serve manages the webhook subscription and reconciles bookings."),
    ONCEHUB_WEBHOOK_NAME("oncesync", false, "Name of the webhook subscription oncesync creates or adopts (names are unique per OnceHub account)."),
    ONCEHUB_WATCH_SECONDS("300", false, "How often the subscription is checked (missing, disabled or pointing elsewhere → re-created)."),
    ONCEHUB_POLL_SECONDS("900", false, "How often bookings updated since the reconciliation watermark are fetched from OnceHub's API."),
    ONCEHUB_SECRET_OVERLAP_SECONDS("259200", false, "How long a replaced subscription's signing secret is still accepted (OnceHub retries for about 3 days)."),
    ONCEHUB_REQUESTS_PER_SECOND("5", false, "Most OnceHub API calls per second oncesync makes (OnceHub allows 5 per account, and 200 per 5 minutes per IP)."),
    HTTP_MAX_CONNECTIONS("1000", false, "Most HTTP connections open at once; more are closed as they arrive."),
    HTTP_IDLE_TIMEOUT_SECONDS("60", false, "A connection with no traffic for this long is closed."),
    HTTP_REQUEST_TIMEOUT_SECONDS("30", false, "A webhook body must arrive within this long, else 408 and the connection is closed."),
    WEBHOOK_MAX_INFLIGHT_BYTES("67108864", false, "Webhook body bytes buffered at once across all requests; beyond it 503 with Retry-After."),
    TLS_CERT("", false, "PEM certificate chain: serve HTTPS directly (with TLS_KEY); empty = plain HTTP behind a TLS-terminating proxy."),
    TLS_KEY("", false, "PEM private key file for TLS_CERT; the file is the secret: keep it readable by oncesync's user only."),
    LOG_FORMAT("text", false, "Log format on stderr: text (one line per event, guest text escaped) or json (one JSON object per line)."),
    SF_PAUSE_MIN_SECONDS("2", false, "First pause of syncing after Salesforce failed a call (a dropped connection, a 503 page); each further failure in a row doubles it, with jitter."),
    SF_PAUSE_MAX_SECONDS("300", false, "Longest pause of syncing after Salesforce failures (an outage, a reached API limit); pauses grow from the minimum to this. POST /admin/sync/resume ends a pause at once."),
    DB_BUSY_TIMEOUT_MS("5000", false, "How long a write waits for an embedded database locked by another process before the webhook is answered 503."),
    QUARANTINE_AFTER("3", false, "Times one event's processing may be interrupted (the process died, or the work outlived its lease or BATCH_TIMEOUT_SECONDS) before it is quarantined as a dead letter.");

    private final String defaultValue;
    private final boolean secret;
    private final String description;

    ConfigKey(String defaultValue, boolean secret, String description) {
        this.defaultValue = defaultValue;
        this.secret = secret;
        this.description = description;
    }

    public String defaultValue() { return defaultValue; }

    public boolean secret() { return secret; }

    public String description() { return description; }

    /** {@code ONCESYNC_HTTP_PORT} */
    public String envName() {
        return "ONCESYNC_" + name();
    }

    /** {@code oncesync.http.port} */
    public String fileName() {
        return "oncesync." + name().toLowerCase(Locale.ROOT).replace('_', '.');
    }

    /** The README's configuration table, in Markdown. */
    public static String markdownTable() {
        StringBuilder sb = new StringBuilder("| environment variable | file key | default | meaning |\n|---|---|---|---|\n");
        for (ConfigKey k : List.of(values())) {
            String def = k.defaultValue.isEmpty() ? "(empty)" : "`" + k.defaultValue + "`";
            sb.append("| `").append(k.envName()).append("` | `").append(k.fileName()).append("` | ").append(def)
                    .append(" | ").append(k.secret ? "Secret. " : "").append(k.description).append(" |\n");
        }
        return sb.toString();
    }
}
