package io.oncesync.server.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Builds {@link Config} from environment variables and an optional properties file, reporting every problem at
 * once. The environment wins over the file; unknown {@code oncesync.*} keys in the file are errors, so a typo
 * does not silently fall back to a default.
 */
public final class ConfigLoader {
    /** What the configuration is for: {@code serve} needs secrets that the demo and CLI tools do not. */
    public enum Purpose { SERVE, TOOL }

    private final Map<String, String> env;
    private final Properties file = new Properties();
    private final String fileName;
    private final List<ConfigProblem> problems = new ArrayList<>();

    private ConfigLoader(Map<String, String> env, Optional<Path> filePath) {
        this.env = env;
        this.fileName = filePath.map(Path::toString).orElse(null);
        filePath.ifPresent(this::readFile);
    }

    public static Config load(Map<String, String> env, Optional<Path> file, Purpose purpose) throws ConfigException {
        return new ConfigLoader(env, file).build(purpose);
    }

    private void readFile(Path path) {
        try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            file.load(r);
        } catch (IOException e) {
            problems.add(new ConfigProblem(ConfigKey.DATA_DIR, path.toString(), "cannot read configuration file: " + e.getMessage()));
            return;
        }
        Set<String> known = Arrays.stream(ConfigKey.values()).map(ConfigKey::fileName).collect(Collectors.toSet());
        for (String name : file.stringPropertyNames()) {
            if (!known.contains(name)) {
                problems.add(new ConfigProblem(ConfigKey.DATA_DIR, path.toString(), "unknown key '" + name + "'"
                        + suggestion(name, ConfigKey::fileName) + "; known keys are listed in the README"));
            }
        }
    }

    /**
     * Environment variables that start with {@code ONCESYNC_} but are no configuration key, each as a sentence with
     * the nearest key ("did you mean ONCESYNC_HTTP_PORT?"). A warning, not an error: the environment is shared with
     * the CLI's own variables (e.g. {@code ONCESYNC_SF_ACCESS_TOKEN}) and with whatever else the machine runs; a
     * misspelled <em>required</em> key still fails the start as missing, and keys in a configuration file are
     * checked strictly.
     */
    public static List<String> unknownEnvironmentKeys(Map<String, String> env) {
        Set<String> known = Arrays.stream(ConfigKey.values()).map(ConfigKey::envName).collect(Collectors.toSet());
        known.addAll(OTHER_VARIABLES);
        return env.keySet().stream().filter(k -> k.startsWith("ONCESYNC_") && !known.contains(k)).sorted()
                .map(k -> k + " is not a configuration key and is ignored" + suggestion(k, ConfigKey::envName))
                .toList();
    }

    /** Read by CLI commands themselves, not configuration keys. */
    private static final Set<String> OTHER_VARIABLES = Set.of("ONCESYNC_SF_ACCESS_TOKEN");

    /** "; did you mean X?" for the key nearest by edit distance (at most a third of the name), else "". */
    static String suggestion(String name, java.util.function.Function<ConfigKey, String> spelling) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (ConfigKey key : ConfigKey.values()) {
            String candidate = spelling.apply(key);
            int d = editDistance(name.toUpperCase(Locale.ROOT), candidate.toUpperCase(Locale.ROOT));
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best != null && bestDistance <= Math.max(2, name.length() / 3) ? "; did you mean " + best + "?" : "";
    }

    /** Levenshtein distance, with a swap of two neighbours counting as one edit. */
    static int editDistance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    private Config build(Purpose purpose) throws ConfigException {
        Optional<Path> tlsCert = optional(ConfigKey.TLS_CERT).map(Path::of);
        Optional<Path> tlsKey = optional(ConfigKey.TLS_KEY).map(Path::of);
        tlsCert.filter(f -> !Files.isReadable(f)).ifPresent(f -> problem(ConfigKey.TLS_CERT, "cannot read " + f));
        tlsKey.filter(f -> !Files.isReadable(f)).ifPresent(f -> problem(ConfigKey.TLS_KEY, "cannot read " + f));
        if (tlsCert.isPresent() != tlsKey.isPresent()) {
            problem(tlsCert.isPresent() ? ConfigKey.TLS_KEY : ConfigKey.TLS_CERT,
                    "TLS needs both ONCESYNC_TLS_CERT and ONCESYNC_TLS_KEY");
        }
        Config.Http http = new Config.Http(text(ConfigKey.HTTP_HOST), intIn(ConfigKey.HTTP_PORT, 0, 65535),
                intIn(ConfigKey.HTTP_MAX_CONNECTIONS, 1, 1_000_000),
                Duration.ofSeconds(intIn(ConfigKey.HTTP_IDLE_TIMEOUT_SECONDS, 1, 86_400)),
                Duration.ofSeconds(intIn(ConfigKey.HTTP_REQUEST_TIMEOUT_SECONDS, 1, 3_600)), tlsCert, tlsKey);
        Optional<String> jdbc = optional(ConfigKey.DB_URL);
        jdbc.filter(u -> !u.startsWith("jdbc:postgresql:")).ifPresent(u ->
                problem(ConfigKey.DB_URL, "must be a PostgreSQL JDBC URL (jdbc:postgresql://host/db); SQLite is the default when empty"));
        Config.Storage storage = new Config.Storage(Path.of(text(ConfigKey.DATA_DIR)), jdbc, text(ConfigKey.DB_USER),
                secret(ConfigKey.DB_PASSWORD), Duration.ofSeconds(intIn(ConfigKey.INSTANCE_TIMEOUT_SECONDS, 2, 3600)));
        List<Secret> secrets = Arrays.stream(text(ConfigKey.WEBHOOK_SECRETS).split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).map(Secret::of).toList();
        Config.Webhooks webhooks = new Config.Webhooks(secrets,
                Duration.ofSeconds(intIn(ConfigKey.WEBHOOK_TOLERANCE_SECONDS, 1, Integer.MAX_VALUE)),
                intIn(ConfigKey.WEBHOOK_MAX_BODY_BYTES, 1024, 64 * 1024 * 1024),
                intIn(ConfigKey.WEBHOOK_MAX_INFLIGHT_BYTES, 1024, Integer.MAX_VALUE));
        if (webhooks.maxInflightBytes() < webhooks.maxBodyBytes()) {
            problem(ConfigKey.WEBHOOK_MAX_INFLIGHT_BYTES, "must be at least ONCESYNC_WEBHOOK_MAX_BODY_BYTES ("
                    + webhooks.maxBodyBytes() + "), was " + webhooks.maxInflightBytes());
        }
        Config.Admin admin = new Config.Admin(secret(ConfigKey.ADMIN_TOKEN));
        // Read by logback.xml itself; checked here so a typo is refused like any other bad value.
        if (!List.of("text", "json").contains(raw(ConfigKey.LOG_FORMAT))) {
            problem(ConfigKey.LOG_FORMAT, "must be text or json, was '" + raw(ConfigKey.LOG_FORMAT) + "'");
        }
        Config.Rules rules = new Config.Rules(optional(ConfigKey.RULES_DIR).map(Path::of), bool(ConfigKey.RULES_UPLOAD_ENABLED));
        rules.dir().filter(d -> !Files.isDirectory(d)).ifPresent(d -> problem(ConfigKey.RULES_DIR, "not a directory: " + d));
        Config.Salesforce sf = new Config.Salesforce(url(ConfigKey.SF_LOGIN_URL), text(ConfigKey.SF_CLIENT_ID),
                secret(ConfigKey.SF_CLIENT_SECRET), url(ConfigKey.SF_REDIRECT_URI), flow(), secret(ConfigKey.TOKEN_KEY),
                intIn(ConfigKey.SF_DAILY_API_RESERVE, 0, Integer.MAX_VALUE), intIn(ConfigKey.SF_MAX_CONCURRENT_CALLS, 1, 25));
        Config.Workers workers = new Config.Workers(intIn(ConfigKey.WORKERS, 1, 256), intIn(ConfigKey.BATCH_SIZE, 1, 200));
        Config.OnceHub oncehub = oncehub();
        int pauseMin = intIn(ConfigKey.SF_PAUSE_MIN_SECONDS, 1, 3600);
        int pauseMax = intIn(ConfigKey.SF_PAUSE_MAX_SECONDS, 1, 86_400);
        if (pauseMax < pauseMin) {
            problem(ConfigKey.SF_PAUSE_MAX_SECONDS, "must not be below " + ConfigKey.SF_PAUSE_MIN_SECONDS.envName()
                    + " (" + pauseMin + "), was " + pauseMax);
        }
        Config.Resilience resilience = new Config.Resilience(Duration.ofSeconds(pauseMin), Duration.ofSeconds(pauseMax),
                Duration.ofMillis(intIn(ConfigKey.DB_BUSY_TIMEOUT_MS, 0, 600_000)), intIn(ConfigKey.QUARANTINE_AFTER, 1, 100),
                Duration.ofSeconds(intIn(ConfigKey.BATCH_TIMEOUT_SECONDS, 1, 86_400)));
        if (purpose == Purpose.SERVE) {
            requireServeSecrets(webhooks, admin, sf, oncehub, storage);
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new Config(http, storage, webhooks, admin, rules, sf, workers, oncehub, resilience);
    }

    private Config.OnceHub oncehub() {
        String publicUrl = raw(ConfigKey.PUBLIC_URL);
        if (!publicUrl.isEmpty()) {
            publicUrl = url(ConfigKey.PUBLIC_URL);
        }
        return new Config.OnceHub(url(ConfigKey.ONCEHUB_API_URL), secret(ConfigKey.ONCEHUB_API_KEY), publicUrl,
                text(ConfigKey.ONCEHUB_WEBHOOK_NAME), Duration.ofSeconds(intIn(ConfigKey.ONCEHUB_WATCH_SECONDS, 1, 86_400)),
                Duration.ofSeconds(intIn(ConfigKey.ONCEHUB_POLL_SECONDS, 1, 86_400)),
                Duration.ofSeconds(intIn(ConfigKey.ONCEHUB_SECRET_OVERLAP_SECONDS, 0, 30 * 86_400)),
                intIn(ConfigKey.ONCEHUB_REQUESTS_PER_SECOND, 1, 100));
    }

    /** Where {@code oncesync oncehub connect} keeps the subscription (its secrets, encrypted). */
    public static final String ONCEHUB_SUBSCRIPTION_FILE = "oncehub-subscription.json";

    private void requireServeSecrets(Config.Webhooks webhooks, Config.Admin admin, Config.Salesforce sf,
                                     Config.OnceHub oncehub, Config.Storage storage) {
        boolean managed = !oncehub.apiKey().isEmpty()
                || Files.isRegularFile(storage.dataDir().resolve(ONCEHUB_SUBSCRIPTION_FILE));
        if (webhooks.secrets().isEmpty() && !managed) {
            problem(ConfigKey.WEBHOOK_SECRETS, "required: the signing secret shown under OnceHub → APIs & Webhooks → View secret"
                    + " (or set ONCESYNC_ONCEHUB_API_KEY and ONCESYNC_PUBLIC_URL so oncesync manages the subscription)");
        }
        if (admin.token().reveal().length() < 24) {
            problem(ConfigKey.ADMIN_TOKEN, "required, at least 24 characters (e.g. openssl rand -hex 24)");
        }
        if (sf.clientId().isEmpty()) {
            problem(ConfigKey.SF_CLIENT_ID, "required: the consumer key of your Salesforce connected app");
        }
        String key = sf.tokenKey().reveal();
        if (key.isEmpty()) {
            problem(ConfigKey.TOKEN_KEY, "required: base64 of 32 random bytes (e.g. openssl rand -base64 32)");
        } else if (decodedLength(key) != 32) {
            problem(ConfigKey.TOKEN_KEY, "must be base64 of exactly 32 bytes");
        }
    }

    private static int decodedLength(String base64) {
        try {
            return Base64.getDecoder().decode(base64).length;
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }

    // -- typed readers: each records a problem and returns a harmless value, so all problems surface at once

    private String raw(ConfigKey key) {
        String v = env.get(key.envName());
        if (v == null) {
            v = file.getProperty(key.fileName());
        }
        return v == null ? key.defaultValue() : v.trim();
    }

    private String source(ConfigKey key) {
        if (env.containsKey(key.envName())) {
            return "environment";
        }
        return file.containsKey(key.fileName()) ? fileName : "default";
    }

    private void problem(ConfigKey key, String reason) {
        problems.add(new ConfigProblem(key, source(key), reason));
    }

    private String text(ConfigKey key) {
        return raw(key);
    }

    private Optional<String> optional(ConfigKey key) {
        String v = raw(key);
        return v.isEmpty() ? Optional.empty() : Optional.of(v);
    }

    private Secret secret(ConfigKey key) {
        return Secret.of(raw(key));
    }

    private int intIn(ConfigKey key, int min, int max) {
        String v = raw(key);
        try {
            int parsed = Integer.parseInt(v);
            if (parsed < min || parsed > max) {
                problem(key, "must be between " + min + " and " + max + ", was " + v);
            }
            return parsed;
        } catch (NumberFormatException e) {
            problem(key, "must be an integer, was '" + v + "'");
            return min;
        }
    }

    private boolean bool(ConfigKey key) {
        String v = raw(key).toLowerCase(Locale.ROOT);
        if (!v.equals("true") && !v.equals("false")) {
            problem(key, "must be true or false, was '" + raw(key) + "'");
        }
        return v.equals("true");
    }

    private String url(ConfigKey key) {
        String v = raw(key);
        if (!v.startsWith("https://") && !v.startsWith("http://")) {
            problem(key, "must be an http(s) URL, was '" + v + "'");
        }
        return v.endsWith("/") ? v.substring(0, v.length() - 1) : v;
    }

    private Config.OAuthFlow flow() {
        String v = raw(ConfigKey.SF_FLOW);
        try {
            return Config.OAuthFlow.valueOf(v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problem(ConfigKey.SF_FLOW, "must be web_server or client_credentials, was '" + v + "'");
            return Config.OAuthFlow.WEB_SERVER;
        }
    }
}
