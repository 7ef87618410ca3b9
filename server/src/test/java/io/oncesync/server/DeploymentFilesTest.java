package io.oncesync.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.oncesync.server.cli.Main;
import io.oncesync.server.config.ConfigKey;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployment files (Dockerfile, systemd unit, Kubernetes example) against the code they deploy. No container
 * engine runs here, so this checks what can be checked: the files parse, every {@code ONCESYNC_*} name is a real
 * configuration key, ports and probe paths are the server's, the jar and command they run exist, and the server
 * started the way the Dockerfile starts it answers the probes with nothing written outside its data and temp
 * directories (what a read-only root file system needs).
 */
class DeploymentFilesTest {
    private static final Path REPOSITORY = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();
    private static final Path KUBERNETES = REPOSITORY.resolve("deploy/kubernetes");
    private static final Pattern ENV_NAME = Pattern.compile("\\bONCESYNC_[A-Z0-9_]+\\b");
    private static final Set<String> CONFIG_NAMES = Stream.of(ConfigKey.values()).map(ConfigKey::envName)
            .collect(Collectors.toSet());
    private static final String JAR = "server/target/oncesync.jar";

    // ---------------------------------------------------------------- Dockerfile

    @Test
    @DisplayName("Dockerfile: a Maven build stage on Temurin 17 running the README's package command, a JRE 17 runtime stage with the fat jar")
    void dockerfileStages() throws IOException {
        Dockerfile docker = Dockerfile.read(REPOSITORY.resolve("Dockerfile"));
        List<String> from = docker.all("FROM");
        assertThat(from).hasSize(2);
        assertThat(from.get(0)).matches("maven:3\\.9-eclipse-temurin-17 AS build");
        assertThat(from.get(1)).matches("eclipse-temurin:17-jre AS runtime");

        String build = docker.stage(0).stream().filter(i -> i.startsWith("RUN ")).collect(Collectors.joining("\n"));
        Matcher mvn = Pattern.compile("mvn [^&\\n]*package").matcher(build);
        assertThat(mvn.find()).as("a mvn package in the build stage").isTrue();
        assertThat(Files.readString(REPOSITORY.resolve("README.md"))).as("the README builds the same way")
                .contains(mvn.group());

        String copy = docker.inStage(1, "COPY").stream().filter(c -> c.startsWith("--from=build")).findFirst().orElseThrow();
        assertThat(copy).isEqualTo("--from=build /src/" + JAR + " /opt/oncesync/oncesync.jar");
        assertThat(docker.inStage(0, "WORKDIR")).as("the build stage's WORKDIR").containsExactly("/src");
        String pom = Files.readString(REPOSITORY.resolve("server/pom.xml"));
        assertThat(pom).as("the shade plugin writes the jar the Dockerfile copies")
                .contains("<outputFile>${project.build.directory}/oncesync.jar</outputFile>")
                .contains("<mainClass>" + Main.class.getName() + "</mainClass>");

        assertThat(Files.readString(REPOSITORY.resolve(".dockerignore")).lines().toList())
                .as("no build output or private Maven configuration in the build context")
                .contains("**/target", ".mvn/maven.config");
    }

    @Test
    @DisplayName("Dockerfile: non-root USER, data VOLUME at ONCESYNC_DATA_DIR, EXPOSE the default port, HEALTHCHECK on /health with curl installed, serve")
    void dockerfileRuntime() throws IOException {
        Dockerfile docker = Dockerfile.read(REPOSITORY.resolve("Dockerfile"));
        Map<String, String> env = docker.env();
        assertThat(env.keySet()).allSatisfy(k -> assertThat(CONFIG_NAMES).contains(k));
        assertThat(docker.all("VOLUME")).containsExactly("[\"" + env.get(ConfigKey.DATA_DIR.envName()) + "\"]");
        assertThat(docker.all("EXPOSE")).containsExactly(ConfigKey.HTTP_PORT.defaultValue());
        assertThat(env).containsEntry(ConfigKey.HTTP_PORT.envName(), ConfigKey.HTTP_PORT.defaultValue());

        String user = docker.one("USER");
        assertThat(user).matches("[1-9][0-9]*:[1-9][0-9]*");
        String uid = user.split(":")[0];
        String runtimeRun = String.join("\n", docker.inStage(1, "RUN"));
        assertThat(runtimeRun).contains("--uid " + uid).contains("--gid " + user.split(":")[1])
                .contains("chown oncesync:oncesync " + env.get(ConfigKey.DATA_DIR.envName()));

        String health = docker.one("HEALTHCHECK");
        assertThat(health).contains("CMD curl -fsS").contains("127.0.0.1:${" + ConfigKey.HTTP_PORT.envName() + "}/health");
        assertThat(runtimeRun).as("curl is installed in the runtime stage").containsPattern("apt-get install [^\\n]*\\bcurl\\b");

        List<String> entrypoint = json(docker.one("ENTRYPOINT"));
        assertThat(entrypoint.get(0)).isEqualTo("java");
        assertThat(entrypoint.subList(entrypoint.size() - 2, entrypoint.size())).containsExactly("-jar", "/opt/oncesync/oncesync.jar");
        assertThat(json(docker.one("CMD"))).containsExactly("serve");
        assertCommandExists(json(docker.one("CMD")));
    }

    // ---------------------------------------------------------------- systemd

    @Test
    @DisplayName("systemd unit: dedicated user, EnvironmentFile, StateDirectory as DATA_DIR, java -jar … serve, hardening, restarts that fit the exit codes")
    void systemdUnit() throws IOException {
        Map<String, Map<String, List<String>>> unit = ini(REPOSITORY.resolve("deploy/systemd/oncesync.service"));
        assertThat(unit.keySet()).containsExactly("Unit", "Service", "Install");
        Map<String, List<String>> service = unit.get("Service");
        assertThat(single(service, "User")).isEqualTo("oncesync");
        assertThat(single(service, "EnvironmentFile")).isEqualTo("/etc/oncesync/oncesync.env");
        assertThat(single(service, "StateDirectory")).isEqualTo("oncesync");
        Map<String, String> env = new LinkedHashMap<>();
        service.getOrDefault("Environment", List.of()).forEach(e -> env.put(e.substring(0, e.indexOf('=')), e.substring(e.indexOf('=') + 1)));
        assertThat(env.keySet()).allSatisfy(k -> assertThat(CONFIG_NAMES).contains(k));
        assertThat(env).containsEntry(ConfigKey.DATA_DIR.envName(), "/var/lib/oncesync");
        assertThat(single(service, "WorkingDirectory")).isEqualTo("/var/lib/oncesync");

        List<String> exec = List.of(single(service, "ExecStart").split(" +"));
        assertThat(exec.get(0)).isEqualTo("/usr/bin/java");
        int jar = exec.indexOf("-jar");
        assertThat(exec.get(jar + 1)).isEqualTo("/opt/oncesync/oncesync.jar");
        assertCommandExists(exec.subList(jar + 2, exec.size()));

        for (String on : List.of("NoNewPrivileges", "ProtectHome", "PrivateTmp", "PrivateDevices", "ProtectKernelTunables",
                "ProtectKernelModules", "ProtectControlGroups", "RestrictNamespaces", "RestrictSUIDSGID", "LockPersonality")) {
            assertThat(single(service, on)).as(on).isEqualTo("yes");
        }
        assertThat(single(service, "ProtectSystem")).isEqualTo("strict");
        assertThat(single(service, "CapabilityBoundingSet")).isEmpty();
        assertThat(service).as("the JIT needs writable executable memory").doesNotContainKey("MemoryDenyWriteExecute");
        assertThat(single(service, "Restart")).isEqualTo("on-failure");
        // The JVM ends with 143 after SIGTERM (the live test below sees it); 2 is serve's invalid-configuration exit.
        assertThat(single(service, "SuccessExitStatus")).isEqualTo("143");
        assertThat(single(service, "RestartPreventExitStatus")).isEqualTo("2");
        assertThat(Main.run(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                "serve", "--config", REPOSITORY.resolve("no-such-oncesync.properties").toString()))
                .as("serve with a configuration problem").isEqualTo(2);

        String example = Files.readString(REPOSITORY.resolve("deploy/systemd/oncesync.env.example"));
        assertThat(names(example)).isNotEmpty().allSatisfy(k -> assertThat(CONFIG_NAMES).contains(k));
        assertThat(names(example)).contains(ConfigKey.ADMIN_TOKEN.envName(), ConfigKey.TOKEN_KEY.envName(),
                ConfigKey.SF_CLIENT_ID.envName(), ConfigKey.WEBHOOK_SECRETS.envName(), ConfigKey.ONCEHUB_API_KEY.envName());
    }

    // ---------------------------------------------------------------- Kubernetes

    @Test
    @DisplayName("Kubernetes: every file parses and is listed in kustomization.yaml; every ONCESYNC_ name is a configuration key; secret keys only in the Secret")
    void kubernetesFilesAndKeys() throws IOException {
        List<JsonNode> docs = kubernetes();
        assertThat(docs).allSatisfy(d -> {
            assertThat(d.path("apiVersion").asText()).isNotEmpty();
            assertThat(d.path("kind").asText()).isNotEmpty();
            assertThat(d.path("metadata").path("name").asText()).isNotEmpty();
        });
        JsonNode kustomization = yaml(KUBERNETES.resolve("kustomization.yaml")).get(0);
        Set<String> listed = new TreeSet<>();
        kustomization.path("resources").forEach(r -> listed.add(r.asText()));
        try (Stream<Path> files = Files.list(KUBERNETES)) {
            assertThat(listed).isEqualTo(files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml") && !n.equals("kustomization.yaml")).collect(Collectors.toCollection(TreeSet::new)));
        }
        assertThat(kustomization.path("images").get(0).path("name").asText()).isEqualTo(container().path("image").asText());

        for (Path file : kubernetesFiles()) {
            assertThat(names(Files.readString(file))).as(file.getFileName().toString())
                    .allSatisfy(k -> assertThat(CONFIG_NAMES).contains(k));
        }
        Set<String> secret = fieldNames(resource("Secret", "oncesync").path("stringData"));
        Set<String> config = fieldNames(resource("ConfigMap", "oncesync").path("data"));
        for (ConfigKey k : ConfigKey.values()) {
            if (k.secret()) {
                assertThat(config).as("a secret in the ConfigMap").doesNotContain(k.envName());
            } else {
                assertThat(secret).as("a setting in the Secret").doesNotContain(k.envName());
            }
        }
        // what serve requires (ConfigLoader): the admin token, the token key, the client id, and a webhook secret or an
        // OnceHub API key with the public URL (the managed subscription, shared through the database)
        assertThat(secret).contains(ConfigKey.ADMIN_TOKEN.envName(), ConfigKey.TOKEN_KEY.envName(),
                ConfigKey.ONCEHUB_API_KEY.envName(), ConfigKey.SF_CLIENT_SECRET.envName(), ConfigKey.DB_PASSWORD.envName());
        assertThat(config).contains(ConfigKey.SF_CLIENT_ID.envName(), ConfigKey.PUBLIC_URL.envName(),
                ConfigKey.DB_URL.envName(), ConfigKey.DB_USER.envName());

        // Several replicas share PostgreSQL: the URL names the example's database Service.
        JsonNode postgres = resource("Service", "oncesync-postgres");
        assertThat(resource("ConfigMap", "oncesync").path("data").path(ConfigKey.DB_URL.envName()).asText())
                .isEqualTo("jdbc:postgresql://" + postgres.path("metadata").path("name").asText() + ":"
                        + postgres.path("spec").path("ports").get(0).path("port").asInt() + "/oncesync");
        assertThat(resource("Deployment", "oncesync").path("spec").path("replicas").asInt()).isGreaterThan(1);
        // Every key another object takes from the ConfigMap or the Secret is there.
        for (JsonNode doc : docs) {
            doc.findParents("secretKeyRef").forEach(p -> assertThat(secret).contains(p.path("secretKeyRef").path("key").asText()));
            doc.findParents("configMapKeyRef").forEach(p -> assertThat(config).contains(p.path("configMapKeyRef").path("key").asText()));
        }
    }

    @Test
    @DisplayName("Kubernetes: the Deployment runs serve non-root on a read-only root with DATA_DIR and /tmp writable, probes /health and /ready on the server's port")
    void kubernetesDeployment() throws IOException {
        JsonNode pod = resource("Deployment", "oncesync").path("spec").path("template");
        JsonNode c = container();
        assertCommandExists(strings(c.path("args")));
        assertThat(c.path("command").isMissingNode()).as("the image's ENTRYPOINT runs the jar").isTrue();

        JsonNode port = c.path("ports").get(0);
        assertThat(port.path("containerPort").asText()).isEqualTo(ConfigKey.HTTP_PORT.defaultValue());
        Map<String, String> env = containerEnv(c);
        assertThat(env.keySet()).allSatisfy(k -> assertThat(CONFIG_NAMES).contains(k));
        assertThat(env).containsEntry(ConfigKey.HTTP_PORT.envName(), port.path("containerPort").asText());
        assertThat(c.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/health");
        assertThat(c.path("startupProbe").path("httpGet").path("path").asText()).isEqualTo("/health");
        assertThat(c.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/ready");
        for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
            assertThat(c.path(probe).path("httpGet").path("port").asText()).as(probe).isEqualTo(port.path("name").asText());
        }
        JsonNode service = resource("Service", "oncesync").path("spec");
        assertThat(service.path("ports").get(0).path("targetPort").asText()).isEqualTo(port.path("name").asText());
        assertThat(service.path("selector")).isEqualTo(pod.path("metadata").path("labels"));

        JsonNode podSecurity = pod.path("spec").path("securityContext");
        assertThat(podSecurity.path("runAsNonRoot").asBoolean()).isTrue();
        String dockerUser = Dockerfile.read(REPOSITORY.resolve("Dockerfile")).one("USER");
        assertThat(podSecurity.path("runAsUser").asText() + ":" + podSecurity.path("runAsGroup").asText()).isEqualTo(dockerUser);
        JsonNode security = c.path("securityContext");
        assertThat(security.path("readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(security.path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
        assertThat(strings(security.path("capabilities").path("drop"))).containsExactly("ALL");
        Set<String> mounts = new TreeSet<>();
        c.path("volumeMounts").forEach(m -> mounts.add(m.path("mountPath").asText()));
        assertThat(mounts).containsExactlyInAnyOrder(env.get(ConfigKey.DATA_DIR.envName()), "/tmp");
        assertThat(pod.path("spec").path("terminationGracePeriodSeconds").asInt()).as("SIGTERM drains for up to 20 s")
                .isGreaterThan(20);
    }

    // ---------------------------------------------------------------- the server, started as the Dockerfile starts it

    @Test
    @DisplayName("serve started with the Dockerfile's JVM options, ENV and CMD answers the HEALTHCHECK and the Kubernetes probes, writes only DATA_DIR and /tmp, and exits 143 on SIGTERM")
    void serveAsDeployed(@TempDir Path dir) throws Exception {
        Dockerfile docker = Dockerfile.read(REPOSITORY.resolve("Dockerfile"));
        List<String> entrypoint = json(docker.one("ENTRYPOINT"));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // The jar's manifest names Main (checked above); the test runs the same classes from the class path.
        command.addAll(entrypoint.subList(1, entrypoint.indexOf("-jar")));
        Path cwd = Files.createDirectories(dir.resolve("root"));
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        command.addAll(List.of("-Xmx256m", "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(json(docker.one("CMD")));

        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Map<String, String> env = new HashMap<>(docker.env());
        env.putAll(containerEnv(container()));
        env.put(ConfigKey.DATA_DIR.envName(), dir.resolve("data").toString());   // the volume
        env.put(ConfigKey.HTTP_PORT.envName(), Integer.toString(port));          // 8080 may be taken on this machine
        env.put(ConfigKey.HTTP_HOST.envName(), "127.0.0.1");
        SecureRandom random = new SecureRandom();
        byte[] key = new byte[32];
        random.nextBytes(key);
        env.put(ConfigKey.ADMIN_TOKEN.envName(), HexFormat.of().formatHex(key));
        env.put(ConfigKey.TOKEN_KEY.envName(), Base64.getEncoder().encodeToString(key));
        env.put(ConfigKey.WEBHOOK_SECRETS.envName(), "whsec-deployment-test-0123456789");
        env.put(ConfigKey.SF_CLIENT_ID.envName(), "deployment-test-client");

        ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("serve.log").toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("ONCESYNC_"));
        pb.environment().putAll(env);
        Process serve = pb.start();
        try {
            String base = "http://127.0.0.1:" + port;
            String healthcheck = docker.one("HEALTHCHECK").replaceAll(".*\"http://127\\.0\\.0\\.1:\\$\\{[A-Z_]+}(/[a-z]+)\".*", "$1");
            Instant end = Instant.now().plus(Duration.ofSeconds(180));
            while (status(base + healthcheck) != 200) {
                assertThat(serve.isAlive()).as(() -> "serve exited: " + read(dir.resolve("serve.log"))).isTrue();
                assertThat(Instant.now()).as("serve answers " + healthcheck + " within 180 s").isBefore(end);
                Thread.sleep(100);
            }
            JsonNode c = container();
            for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
                assertThat(status(base + c.path(probe).path("httpGet").path("path").asText())).as(probe).isEqualTo(200);
            }
            serve.destroy();   // SIGTERM
            assertThat(serve.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(serve.exitValue()).as("systemd's SuccessExitStatus")
                    .isEqualTo(Integer.parseInt(single(ini(REPOSITORY.resolve("deploy/systemd/oncesync.service")).get("Service"), "SuccessExitStatus")));
            assertThat(read(dir.resolve("serve.log"))).contains("stopped");
            try (Stream<Path> written = Files.list(cwd)) {
                assertThat(written).as("written outside DATA_DIR and the temp directory (a read-only root file system)").isEmpty();
            }
            assertThat(dir.resolve("data").resolve("oncesync.db")).isRegularFile();
        } finally {
            serve.destroyForcibly();
        }
    }

    // ---------------------------------------------------------------- helpers

    private static void assertCommandExists(List<String> args) {
        List<String> help = new ArrayList<>(args);
        help.add("--help");
        StringWriter out = new StringWriter();
        assertThat(Main.run(new PrintWriter(out), new PrintWriter(new StringWriter()), help.toArray(String[]::new)))
                .as("oncesync " + String.join(" ", args) + " --help").isZero();
        assertThat(out.toString()).contains("Usage: oncesync " + String.join(" ", args));
    }

    private static int status(String url) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static Set<String> names(String text) {
        Set<String> names = new TreeSet<>();
        Matcher m = ENV_NAME.matcher(text);
        while (m.find()) {
            names.add(m.group());
        }
        return names;
    }

    private static List<String> json(String array) throws IOException {
        return strings(new ObjectMapper().readTree(array));
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static Set<String> fieldNames(JsonNode object) {
        Set<String> out = new TreeSet<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static List<Path> kubernetesFiles() throws IOException {
        try (Stream<Path> files = Files.list(KUBERNETES)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    private static List<JsonNode> yaml(Path file) throws IOException {
        try (MappingIterator<JsonNode> it = new ObjectMapper(new YAMLFactory()).readerFor(JsonNode.class)
                .readValues(file.toFile())) {
            return it.readAll();
        }
    }

    private static List<JsonNode> kubernetes() throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        for (Path file : kubernetesFiles()) {
            if (!file.getFileName().toString().equals("kustomization.yaml")) {
                docs.addAll(yaml(file));
            }
        }
        return docs;
    }

    private static JsonNode resource(String kind, String name) throws IOException {
        return kubernetes().stream().filter(d -> d.path("kind").asText().equals(kind)
                        && d.path("metadata").path("name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in " + KUBERNETES));
    }

    private static JsonNode container() throws IOException {
        JsonNode containers = resource("Deployment", "oncesync").path("spec").path("template").path("spec").path("containers");
        assertThat(containers.size()).isEqualTo(1);
        return containers.get(0);
    }

    private static Map<String, String> containerEnv(JsonNode container) {
        Map<String, String> env = new LinkedHashMap<>();
        container.path("env").forEach(e -> env.put(e.path("name").asText(), e.path("value").asText()));
        return env;
    }

    /** A systemd unit: sections of keys, each with its values in order. */
    private static Map<String, Map<String, List<String>>> ini(Path file) throws IOException {
        Map<String, Map<String, List<String>>> sections = new LinkedHashMap<>();
        Map<String, List<String>> current = null;
        for (String line : Files.readAllLines(file)) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#") || l.startsWith(";")) {
                continue;
            }
            if (l.startsWith("[") && l.endsWith("]")) {
                current = sections.computeIfAbsent(l.substring(1, l.length() - 1), s -> new LinkedHashMap<>());
                continue;
            }
            int eq = l.indexOf('=');
            assertThat(current).as("a key outside a section: " + l).isNotNull();
            assertThat(eq).as("not key=value: " + l).isPositive();
            current.computeIfAbsent(l.substring(0, eq).strip(), k -> new ArrayList<>()).add(l.substring(eq + 1).strip());
        }
        return sections;
    }

    private static String single(Map<String, List<String>> section, String key) {
        List<String> values = section.get(key);
        assertThat(values).as(key).hasSize(1);
        return values.get(0);
    }

    /** A Dockerfile's instructions (continuation lines joined, comments dropped), grouped by stage. */
    private record Dockerfile(List<List<String>> stages) {
        static Dockerfile read(Path file) throws IOException {
            List<List<String>> stages = new ArrayList<>();
            StringBuilder pending = new StringBuilder();
            for (String line : Files.readAllLines(file)) {
                String l = line.strip();
                if (l.startsWith("#") || (l.isEmpty() && pending.isEmpty())) {
                    continue;
                }
                if (l.endsWith("\\")) {
                    pending.append(l, 0, l.length() - 1).append(' ');
                    continue;
                }
                String instruction = (pending + l).replaceAll("\\s+", " ").strip();
                pending.setLength(0);
                if (instruction.startsWith("FROM ")) {
                    stages.add(new ArrayList<>());
                }
                assertThat(stages).as("an instruction before FROM: " + instruction).isNotEmpty();
                stages.get(stages.size() - 1).add(instruction);
            }
            return new Dockerfile(stages);
        }

        List<String> stage(int i) {
            return stages.get(i);
        }

        List<String> inStage(int i, String keyword) {
            return stages.get(i).stream().filter(s -> s.startsWith(keyword + " "))
                    .map(s -> s.substring(keyword.length() + 1)).toList();
        }

        List<String> all(String keyword) {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < stages.size(); i++) {
                out.addAll(inStage(i, keyword));
            }
            return out;
        }

        String one(String keyword) {
            List<String> all = all(keyword);
            assertThat(all).as(keyword).hasSize(1);
            return all.get(0);
        }

        /** ENV of the runtime (last) stage. */
        Map<String, String> env() {
            Map<String, String> env = new LinkedHashMap<>();
            for (String e : inStage(stages.size() - 1, "ENV")) {
                for (String pair : e.split(" ")) {
                    env.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
                }
            }
            return env;
        }
    }
}
