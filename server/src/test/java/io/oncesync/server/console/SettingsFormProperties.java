package io.oncesync.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.oncesync.engine.settings.Settings;
import io.oncesync.engine.settings.SettingsLoader;
import io.oncesync.engine.settings.SettingsResult;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * What an admin types on the Settings page reaches the settings file as typed: a constant, a fallback value or a
 * booking calendar holding any character (quotes, colons, #, line breaks of every kind, YAML's special characters,
 * emoji) is written so that reading the file back gives the same text, never another structure or a folded value.
 */
class SettingsFormProperties {

    @Provide
    Arbitrary<String> typed() {
        Arbitrary<Character> chars = Arbitraries.oneOf(
                Arbitraries.chars().range(' ', '~'),
                Arbitraries.of('\n', '\r', '\t', '\u0085', '\u2028', '\u2029', '\u00A0', '\uFEFF', '\uFFFE', '\uFFFF',
                        '\u0000', '\u0007', '\u001B', '\u007F', '\u0080', '\u009F', '\u212A', '"', '\\', '\'', '#', ':',
                        '&', '*', '!', '|', '>', '%', '@', '`', '{', '}', '[', ']', ','),
                Arbitraries.chars().range('\u00A0', '\uD7FF'), Arbitraries.chars().range('\uE000', '\uFFFD'));
        Arbitrary<String> bmp = chars.list().ofMinSize(1).ofMaxSize(30).map(l -> {
            StringBuilder b = new StringBuilder();
            l.forEach(b::append);
            return b.toString();
        });
        // a value blank after trimming is refused with a problem (a blank fallback means none): not this property's
        return Arbitraries.oneOf(bmp, bmp.map(s -> s + "\uD83D\uDE00" + s)).filter(s -> !s.strip().isEmpty());
    }

    @Example
    void lineBreaksOfEveryKindAndUnprintableCharactersSurvive() {
        whatIsTypedIsWhatTheFileSays("Line one\u2028line two\u0085three", "Acme\r\nInc", "Sales \uFFFE demo");
        assertThat(SettingsForm.q("Müller & Søn \uD83D\uDE00 \"#1\"")).as("readable in the file")
                .isEqualTo("\"Müller & Søn \uD83D\uDE00 \\\"#1\\\"\"");
    }

    @Property(tries = 1500)
    void whatIsTypedIsWhatTheFileSays(@ForAll("typed") String constant, @ForAll("typed") String fallback,
                                      @ForAll("typed") String calendar) {
        JsonObject form = new JsonObject().put("newContacts", "Lead").put("meetings", "Cases")
                .put("caseCalendars", new JsonArray().add(calendar))
                .put("mappings", new JsonObject().put("Leads", new JsonArray()
                        .add(new JsonObject().put("field", "LastName").put("from", "last_name").put("overwrite", true))
                        .add(new JsonObject().put("field", "Description").put("value", constant).put("overwrite", false))))
                .put("fallbacks", new JsonObject().put("Lead", new JsonObject().put("Company", fallback)));
        String yaml = SettingsForm.yaml(form).yaml();
        SettingsResult read = SettingsLoader.parse("settings.yaml", yaml);
        Settings s = read.fold(x -> x, problems -> {
            throw new AssertionError("the saved file does not read back: " + problems + "\n" + yaml);
        });
        JsonObject back = SettingsForm.of(s);
        assertThat(back.getJsonArray("caseCalendars").getList()).as(yaml).containsExactly(calendar.strip());
        assertThat(back.getJsonObject("mappings").getJsonArray("Leads").getJsonObject(1).getString("value")).as(yaml)
                .isEqualTo(constant.strip());
        assertThat(back.getJsonObject("fallbacks").getJsonObject("Lead").getString("Company")).as(yaml)
                .isEqualTo(fallback.strip());
    }
}
