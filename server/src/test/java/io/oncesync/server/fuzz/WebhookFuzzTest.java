package io.oncesync.server.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.oncesync.engine.oncehub.IdentityKeys;
import io.oncesync.engine.oncehub.ParseResult;
import io.oncesync.engine.oncehub.WebhookParser;
import io.oncesync.engine.settings.SettingsLoader;
import io.oncesync.engine.settings.SettingsResult;
import io.oncesync.server.ingest.EngineTriage;
import io.oncesync.server.ingest.SignatureVerifier;
import io.oncesync.server.ingest.Triage;
import io.oncesync.server.ingest.Verdict;
import io.oncesync.server.ingest.WebhookSecret;
import io.oncesync.server.properties.SoqlLiterals;
import io.oncesync.server.salesforce.lookup.QueryText;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Coverage-guided fuzzing (Jazzer) of everything a webhook sender or a settings author controls. Jazzer runs one fuzz
 * test per JVM, so this one target spreads its inputs over four entry points by the first byte: a signature header
 * and body through the verifier and the triage (the exact intake path), the engine's parser alone, a value through
 * the SOQL literal builder, and settings text. Each must answer (a refusal, a malformed result, problems) and never
 * throw. {@code mvn verify} runs it in the {@code fuzz} surefire execution with {@code JAZZER_FUZZ=1} for the
 * duration below; a finding is written beside this class under {@code src/test/resources} and then replays as a
 * regression input in every later run.
 */
class WebhookFuzzTest {
    private static final Instant NOW = Instant.parse("2026-11-05T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final WebhookSecret SECRET = new WebhookSecret("whsec-fuzz-0123456789abcdef");
    private static final SignatureVerifier VERIFIER = new SignatureVerifier(List.of(SECRET), Duration.ofMinutes(5), CLOCK);
    private static final EngineTriage TRIAGE = new EngineTriage(CLOCK);
    private static final WebhookParser PARSER = new WebhookParser();

    @FuzzTest(maxDuration = "40s")
    void whatASenderOrAuthorControls(FuzzedDataProvider data) {
        switch (data.consumeInt(0, 3)) {
            case 0 -> intake(data);
            case 1 -> parser(data.consumeRemainingAsBytes());
            case 2 -> soql(data.consumeRemainingAsString());
            default -> settings(data.consumeRemainingAsString());
        }
    }

    /** The intake path: a made-up header never verifies; a correctly signed body is triaged without throwing. */
    private static void intake(FuzzedDataProvider data) {
        String header = data.consumeString(160);
        byte[] body = data.consumeRemainingAsBytes();
        assertThat(VERIFIER.verify(header, body)).isInstanceOf(Verdict.Rejected.class);
        String signed = SignatureVerifier.sign(SECRET, NOW.getEpochSecond(), body);
        assertThat(VERIFIER.verify(signed, body)).isInstanceOf(Verdict.Valid.class);
        Triage t = TRIAGE.triage(body);
        if (t instanceof Triage.Malformed m) {
            assertThat(m.detail()).isNotBlank();
        }
    }

    private static void parser(byte[] body) {
        ParseResult r = PARSER.parse(body);
        assertThat(r).isNotNull();
        if (r instanceof ParseResult.Malformed m) {
            assertThat(m.reason()).isNotBlank();
        }
    }

    /** A guest value becomes exactly one SOQL literal that reads back as the value: no input changes the query. */
    private static void soql(String value) {
        assertThat(SoqlLiterals.decode(QueryText.soqlString(value))).containsExactly(value);
        String key = IdentityKeys.email(value);
        if (key != null) {
            assertThat(IdentityKeys.email(key)).isEqualTo(key);
        }
    }

    private static void settings(String yaml) {
        SettingsResult r = SettingsLoader.parse("settings.yaml", yaml);
        assertThat(r).isNotNull();
        r.fold(s -> s, problems -> {
            assertThat(problems).isNotEmpty().allSatisfy(p -> assertThat(p.toString()).isNotBlank());
            return null;
        });
    }
}
