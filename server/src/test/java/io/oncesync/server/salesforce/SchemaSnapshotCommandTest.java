package io.oncesync.server.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.oncesync.localorg.LocalOrg;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@DisplayName("oncesync schema-snapshot")
class SchemaSnapshotCommandTest {

    private static int run(Map<String, String> env, StringWriter out, StringWriter err, String... args) {
        return new CommandLine(new SchemaSnapshotCommand(env)).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(args);
    }

    @Test
    @DisplayName("writes an org's describe with an access token, and a second local org loads it")
    void accessToken(@TempDir Path dir) throws Exception {
        try (LocalOrg org = LocalOrg.builder().port(0).start()) {
            Path file = dir.resolve("org.json");
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = run(Map.of(SchemaSnapshotCommand.ACCESS_TOKEN_ENV, org.issueAccessToken(org.adminUsername())),
                    out, err, "--out", file.toString(), "--instance-url", org.baseUrl(), "--objects", "Lead,Case");
            assertThat(code).as(err.toString()).isZero();
            assertThat(out.toString()).contains("wrote the describe of 2 objects", "(1 API call)");
            assertThat(Files.readString(file)).contains("\"name\" : \"Lead\"", "\"name\" : \"Case\"").doesNotContain("\"labelPlural\" : \"Contacts\"");
            try (LocalOrg copy = LocalOrg.builder().port(0).schemaExtension(file).start()) {
                assertThat(copy.baseUrl()).startsWith("http://127.0.0.1:");
            }
        }
    }

    @Test
    @DisplayName("says what is missing instead of connecting to nothing")
    void missingToken(@TempDir Path dir) {
        StringWriter err = new StringWriter();
        int code = run(Map.of(), new StringWriter(), err, "--out", dir.resolve("x.json").toString(),
                "--instance-url", "https://acme.my.salesforce.com");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--instance-url needs an access token in ONCESYNC_SF_ACCESS_TOKEN");
        assertThat(dir.resolve("x.json")).doesNotExist();
    }
}
