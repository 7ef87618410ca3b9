package io.oncesync.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The serve and demo commands")
class ServeAndDemoCommandTest {

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int code = Main.run(args);
            return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    @DisplayName("serve without its required configuration exits 2 naming every missing key at once")
    void serveWithoutConfiguration() {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("ONCESYNC_WEBHOOK_SECRETS") == null,
                "the environment configures oncesync");
        Run r = run("serve");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("ONCESYNC_WEBHOOK_SECRETS").contains("ONCESYNC_ADMIN_TOKEN")
                .contains("ONCESYNC_SF_CLIENT_ID").contains("ONCESYNC_TOKEN_KEY");
    }

    @Test
    @DisplayName("serve with a configuration file that has an unknown key and a bad port exits 2 naming both")
    void serveWithBadFile() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("oncesync-", ".properties");
        try {
            java.nio.file.Files.writeString(file, "oncesync.http.port=99999\noncesync.no.such.key=1\n");
            Run r = run("serve", "--config", file.toString());
            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.err()).contains("no.such.key").contains("ONCESYNC_HTTP_PORT");
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }

    @Test
    @DisplayName("serve --help and demo --help describe the command and exit 0")
    void help() {
        Run serve = run("serve", "--help");
        assertThat(serve.exitCode()).isZero();
        assertThat(serve.out()).contains("Usage: oncesync serve").contains("--config");
        Run demo = run("demo", "--help");
        assertThat(demo.exitCode()).isZero();
        assertThat(demo.out()).contains("Usage: oncesync demo").contains("--exit").contains("--port");
    }

    @Test
    @DisplayName("demo with an option it does not know exits 2")
    void demoBadOption() {
        assertThat(run("demo", "--no-such-option").exitCode()).isEqualTo(2);
    }
}
