package io.oncesync.engine.oncehub;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PersonNameTest {

    @ParameterizedTest(name = "\"{0}\" → first \"{1}\", last \"{2}\"")
    @DisplayName("a full name splits on its last space; one word is a last name")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "Jordan Blake | Jordan | Blake",
            "Ana María de la Cruz | Ana María de la | Cruz",
            "Björk | - | Björk",
            "  Zoë   Ødegård  | Zoë | Ødegård",
            "山田　太郎 | 山田 | 太郎",
            "محمد علي | محمد | علي",
            "李小龙 | - | 李小龙",
            "Δημήτρης Παπαδόπουλος | Δημήτρης | Παπαδόπουλος",
            "🙂 Smiley | 🙂 | Smiley",
            "   | - | -"})
    void split(String full, String first, String last) {
        assertThat(PersonName.split(full)).isEqualTo(new PersonName(first, last));
    }
}
