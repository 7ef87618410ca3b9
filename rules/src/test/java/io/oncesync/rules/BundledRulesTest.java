package io.oncesync.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.oncesync.engine.org.SObjectType;
import io.oncesync.engine.rulebook.RuleBook;
import io.oncesync.engine.rulebook.RuleSource;
import io.oncesync.engine.settings.MeetingMode;
import io.oncesync.engine.settings.Settings;
import io.oncesync.engine.settings.SettingsLoader;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BundledRulesTest {

    @Test
    @DisplayName("the bundled policies compile from the classpath, one file per stage")
    void compiles() {
        RuleBook book = RuleBook.compileBundled().orThrow();
        assertThat(book.files()).containsExactly("identification.drl", "object-choice.drl", "mapping.drl",
                "overwrite.drl", "repair.drl", "fallback.drl", "meetings.drl");
        assertThat(RuleSource.bundled()).allSatisfy(s -> assertThat(s.text()).startsWith("/*"));
    }

    @Test
    @DisplayName("the bundled settings load: Leads for new guests, Events for all meetings, fallbacks for Lead and Contact")
    void settings() {
        Settings s = SettingsLoader.bundled().orThrow();
        assertThat(s.newContactsAs()).isEqualTo(SObjectType.LEAD);
        assertThat(s.meetings()).isEqualTo(MeetingMode.EVENTS);
        assertThat(s.fallback(SObjectType.LEAD, "Company")).isPresent();
        assertThat(s.fallback(SObjectType.LEAD, "LastName")).isPresent();
        assertThat(s.fallback(SObjectType.CONTACT, "LastName")).isPresent();
        assertThat(s.tab(SObjectType.EVENT)).isNotEmpty();
        assertThat(s.tab(SObjectType.CASE)).isNotEmpty();
    }
}
