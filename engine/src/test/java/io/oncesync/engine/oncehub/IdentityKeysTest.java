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
    @DisplayName("emails compare lower-cased, in the root locale")
    void emails() {
        assertThat(IdentityKeys.email("  Ines.MOREAU@Client.Example ")).isEqualTo("ines.moreau@client.example");
        assertThat(IdentityKeys.email("")).isNull();
        assertThat(IdentityKeys.phoneDigits("+١٢٣٤٥٦٧٨٩")).as("any Unicode digits").isEqualTo("123456789");
    }
}
