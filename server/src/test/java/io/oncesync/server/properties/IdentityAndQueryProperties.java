package io.oncesync.server.properties;

import static org.assertj.core.api.Assertions.assertThat;

import io.oncesync.engine.oncehub.IdentityKeys;
import io.oncesync.engine.settings.SettingsLoader;
import io.oncesync.engine.settings.SettingsResult;
import io.oncesync.server.config.ConfigException;
import io.oncesync.server.config.ConfigKey;
import io.oncesync.server.config.ConfigLoader;
import io.oncesync.server.salesforce.lookup.PhoneNumber;
import io.oncesync.server.salesforce.lookup.QueryText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Identity keys never merge addresses that differ other than in ASCII case; SOQL and SOSL text built from any value
 * keeps that value a single literal (no input changes the query's meaning); settings and configuration of any shape
 * are refused with problems, never exceptions.
 */
class IdentityAndQueryProperties {

    /** Letters that Unicode case mapping or normalisation would fold into ASCII, mixed with ASCII. */
    @Provide
    Arbitrary<String> emails() {
        Arbitrary<Character> chars = Arbitraries.oneOf(
                Arbitraries.chars().range('a', 'z'), Arbitraries.chars().range('A', 'Z'),
                Arbitraries.of('\u212A', '\u212B', '\u0131', '\u0130', '\u017F', '\u00DF', '\uFF4B', '\uFF2B', '\u0301',
                        '\u0307', '\u00E1', '\u0430', '@', '.', '+', '_', '-', ' ', '\t', '\u00A0'),
                Arbitraries.chars().range('\u0080', '\uFFEF'));
        return chars.list().ofMaxSize(24).map(l -> {
            StringBuilder b = new StringBuilder();
            l.forEach(b::append);
            return b.toString();
        });
    }

    @Property(tries = 3000)
    void emailKeysMatchExactlyWhenEqualIgnoringAsciiCase(@ForAll("emails") String a, @ForAll("emails") String b) {
        String ka = IdentityKeys.email(a);
        String kb = IdentityKeys.email(b);
        if (ka != null && kb != null) {
            assertThat(ka.equals(kb)).isEqualTo(IdentityKeys.equalsAsciiIgnoreCase(ka, kb));
            assertThat(ka.equals(kb)).isEqualTo(asciiOnlyLower(ka).equals(asciiOnlyLower(kb)));
        }
    }

    @Property(tries = 3000)
    void emailKeysChangeOnlyAsciiLettersAndEdges(@ForAll("emails") String a) {
        String k = IdentityKeys.email(a);
        if (k == null) {
            assertThat(a.strip().isEmpty() || a.trim().isEmpty()).isTrue();
            return;
        }
        assertThat(IdentityKeys.email(k)).as("idempotent").isEqualTo(k);
        String core = a.replaceAll("^[ \\t\\n\\r\\f\\u000B]+|[ \\t\\n\\r\\f\\u000B]+$", "");
        assertThat(k).hasSameSizeAs(core);
        for (int i = 0; i < k.length(); i++) {
            char in = core.charAt(i);
            char out = k.charAt(i);
            assertThat(out).isEqualTo(in >= 'A' && in <= 'Z' ? (char) (in + 32) : in);
        }
    }

    @Property(tries = 1000)
    void lookAlikeLettersNeverKeyAsTheirAsciiTwin(@ForAll("lookAlikes") char lookAlike, @ForAll("localParts") String rest) {
        String victim = "k" + rest + "@victim.example";
        String impostor = lookAlike + rest + "@victim.example";
        assertThat(IdentityKeys.email(impostor)).isNotEqualTo(IdentityKeys.email(victim));
    }

    @Provide
    Arbitrary<Character> lookAlikes() {
        return Arbitraries.of('\u212A', '\uFF4B', '\uFF2B', '\u03BA', '\u043A', '\u1D0B', '\u0138');
    }

    @Provide
    Arbitrary<String> localParts() {
        return Arbitraries.strings().withCharRange('a', 'z').ofMaxLength(12);
    }

    @Property(tries = 2000)
    void phonesUseAsciiDigitsOnlyAndMatchSymmetrically(@ForAll @Size(max = 30) String a, @ForAll @Size(max = 30) String b) {
        String d = IdentityKeys.phoneDigits(a);
        if (d != null) {
            assertThat(d).matches("[1-9][0-9]*");
        }
        assertThat(PhoneNumber.digits(a)).matches("[0-9]*");
        assertThat(IdentityKeys.samePhone(a, b)).isEqualTo(IdentityKeys.samePhone(b, a));
        assertThat(PhoneNumber.sameNumber(a, b)).isEqualTo(PhoneNumber.sameNumber(b, a));
    }

    @Property(tries = 3000)
    void soqlStringIsOneLiteralThatDecodesToTheValue(@ForAll String value) {
        String literal = QueryText.soqlString(value);
        assertThat(SoqlLiterals.decode(literal)).containsExactly(value);
        String where = "Email IN " + QueryText.soqlList(List.of(value, "x@y.example", value + "'"));
        assertThat(SoqlLiterals.decode(where.substring("Email IN ".length())))
                .containsExactly(value, "x@y.example", value + "'");
    }

    @Property(tries = 2000)
    void soslPhraseStaysOnePhrase(@ForAll String value) {
        String phrase = QueryText.soslPhrase(value);
        assertThat(phrase).startsWith("\"").endsWith("\"");
        String inner = phrase.substring(1, phrase.length() - 1);
        StringBuilder decoded = new StringBuilder();
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (c == '\\') {
                assertThat(i + 1).as("a backslash always escapes something").isLessThan(inner.length());
                decoded.append(inner.charAt(++i));
            } else {
                assertThat("\"{}()[]'\\*?&|!^~:+-").as("reserved character escaped in " + phrase).doesNotContain(String.valueOf(c));
                assertThat(Character.isISOControl(c)).isFalse();
                decoded.append(c);
            }
        }
        StringBuilder expected = new StringBuilder();
        value.chars().forEach(c -> expected.append(Character.isISOControl(c) ? ' ' : (char) c));
        assertThat(decoded.toString()).isEqualTo(expected.toString());
    }

    @Property(tries = 2000)
    void soslDigitsAndIdentifiersRefuseAnythingElse(@ForAll @Size(max = 40) String value) {
        boolean digits = !value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9');
        boolean isDigitsAccepted;
        try {
            isDigitsAccepted = QueryText.soslDigits(value).equals("\"" + value + "\"");
        } catch (IllegalArgumentException e) {
            isDigitsAccepted = false;
        }
        if (!digits) {
            // Character.isDigit also admits other scripts' digits; they cannot break out of the phrase either.
            assertThat(!isDigitsAccepted || value.chars().allMatch(Character::isDigit)).isTrue();
        }
        boolean name = value.matches("[A-Za-z][A-Za-z0-9_]{0,79}");
        boolean accepted;
        try {
            accepted = QueryText.identifier(value).equals(value);
        } catch (IllegalArgumentException e) {
            accepted = false;
        }
        assertThat(accepted).isEqualTo(name);
    }

    @Provide
    Arbitrary<String> yamlish() {
        Arbitrary<String> atoms = Arbitraries.of("mappings:", "\n", "  ", "- ", "Leads:", "Contacts:", "Lead:", "Contact:", "field: ", "from: ",
                "Title", "email", "job_title", "overwrite: ", "true", "maybe", "{", "}", "[", "]", ",", ":", "&a", "*a",
                "!!java.lang.Runtime", "new-contacts: ", "Contact", "Lead", "fallbacks:", "'", "\"", "#", "\t", "~",
                "meetings:", "mode: ", "case", "event", "identify:", "prefer:", "\u212A");
        return atoms.list().ofMaxSize(40).map(l -> String.join("", l));
    }

    @Property(tries = 1500)
    void anySettingsTextLoadsOrNamesItsProblems(@ForAll("yamlish") String yaml) {
        SettingsResult r = SettingsLoader.parse("settings.yaml", yaml);
        assertThat(r).isNotNull();
        r.fold(s -> s, problems -> {
            assertThat(problems).isNotEmpty().allSatisfy(p -> assertThat(p.toString()).isNotBlank());
            return null;
        });
    }

    @Property(tries = 1500)
    void anyConfigurationValueIsReadOrRefusedNamingTheKey(@ForAll("keys") ConfigKey key, @ForAll @Size(max = 30) String value) {
        try {
            ConfigLoader.load(Map.of(key.envName(), value), Optional.empty(), ConfigLoader.Purpose.TOOL);
        } catch (ConfigException e) {
            assertThat(e.getMessage()).contains(key.envName());
            if (key.secret() && !value.isBlank()) {
                assertThat(e.getMessage()).doesNotContain(value.trim());
            }
        }
    }

    @Provide
    Arbitrary<ConfigKey> keys() {
        List<ConfigKey> readable = new ArrayList<>(List.of(ConfigKey.values()));
        // Paths are only checked for existence; the others are validated values.
        readable.remove(ConfigKey.DATA_DIR);
        return Arbitraries.of(readable);
    }

    private static String asciiOnlyLower(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            b.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
        }
        return b.toString();
    }
}
