package io.oncesync.engine.oncehub;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdentityKeysTest {

    @ParameterizedTest(name = "{0} vs {1} → {2}")
    @DisplayName("phones compare by digits, national numbers match their international form")
    @CsvSource(delimiter = '|', value = {
            "+1 (312) 555-0148 | 13125550148 | true",
            "(312) 555-0148 | +1 312 555 0148 | true",
            "030 12345678 | +49 30 12345678 | true",
            "+447700900123 | 07700 900123 | true",
            "555-0148 | +1 312 555 0148 | false",
            "+13125550148 | +13125550149 | false",
            "abc | abc | false"})
    void phones(String a, String b, boolean same) {
        assertThat(IdentityKeys.samePhone(a, b)).isEqualTo(same);
    }

    @Test
    @DisplayName("emails compare with ASCII letters lower-cased")
    void emails() {
        assertThat(IdentityKeys.email("  Ines.MOREAU@Client.Example ")).isEqualTo("ines.moreau@client.example");
        assertThat(IdentityKeys.email("")).isNull();
        assertThat(IdentityKeys.email(" \t ")).isNull();
    }

    @Test
    @DisplayName("phones count ASCII digits only, as the SOSL phone search does: other scripts' digits are not folded")
    void phoneDigitsAreAscii() {
        assertThat(IdentityKeys.phoneDigits("+١٢٣٤٥٦٧٨٩")).isNull();
        assertThat(IdentityKeys.phoneDigits("\uFF11\uFF12\uFF13 4567890")).isEqualTo("4567890");
        assertThat(IdentityKeys.samePhone("+1 312 555 0148", "+1 312 555 0148\uFF10")).isTrue();
    }

    @ParameterizedTest(name = "{0} is not {1}")
    @DisplayName("look-alike emails never key as the address they imitate (no Unicode folding or normalisation)")
    @CsvSource(delimiter = '|', value = {
            "\u212Aate@victim.example | kate@victim.example",          // Kelvin sign K
            "\u212Bngstrom@victim.example | \u00E5ngstrom@victim.example", // Angstrom sign vs a-ring
            "d\u0131ana@victim.example | diana@victim.example",         // dotless i
            "D\u0131ANA@victim.example | diana@victim.example",
            "\u0130van@victim.example | ivan@victim.example",           // dotted capital I
            "\u0130van@victim.example | i\u0307van@victim.example",     // ... and its lower-case decomposition
            "\uFF4Bate@victim.example | kate@victim.example",          // full-width k
            "\uFF2Bate@victim.example | kate@victim.example",          // full-width K
            "ka\u0301te@victim.example | k\u00E1te@victim.example",   // combining acute vs precomposed
            "kate@victim.example\u00A0 | kate@victim.example",         // no-break space is not stripped
            "stra\u00DFe@victim.example | strasse@victim.example",     // sharp s
            "\u017Fam@victim.example | sam@victim.example"})           // long s
    void lookAlikes(String lookAlike, String victim) {
        assertThat(IdentityKeys.email(lookAlike)).isNotEqualTo(IdentityKeys.email(victim));
        assertThat(IdentityKeys.equalsAsciiIgnoreCase(IdentityKeys.email(lookAlike), IdentityKeys.email(victim))).isFalse();
    }

    @Test
    @DisplayName("ASCII letters still match in any case, and non-letters next to them are left alone")
    void asciiCase() {
        assertThat(IdentityKeys.email("KATE@Victim.EXAMPLE")).isEqualTo("kate@victim.example");
        assertThat(IdentityKeys.asciiLower("\u212A\u0130@[]^_`{")).isEqualTo("\u212A\u0130@[]^_`{");
        assertThat(IdentityKeys.equalsAsciiIgnoreCase("Kate@X", "kATE@x")).isTrue();
        assertThat(IdentityKeys.equalsAsciiIgnoreCase("@", "`")).isFalse();
        assertThat(IdentityKeys.equalsAsciiIgnoreCase("[", "{")).isFalse();
    }
}
