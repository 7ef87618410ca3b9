package io.oncesync.server.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.oncesync.engine.org.SObjectType;
import io.oncesync.engine.rulebook.RuleBook;
import io.oncesync.engine.settings.SettingsLoader;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Putting a shared rules version in force on one instance ({@link Policies#install}). */
class PoliciesInstallTest {

    @Test
    @DisplayName("A version that changes only settings.yaml swaps the settings and keeps the compiled rule book")
    void settingsOnlyChangeKeepsTheRuleBook() throws Exception {
        Policies policies = Policies.load(Policies.Source.bundled());
        Map<String, String> files = policies.sourceFiles();
        policies.assumeCompiledFrom(files);
        RuleBook before = policies.snapshot().rules();
        assertThat(policies.snapshot().settings().newContactsAs()).isEqualTo(SObjectType.LEAD);

        Map<String, String> v2 = new HashMap<>(files);
        v2.put("settings.yaml", SettingsLoader.resource(SettingsLoader.BUNDLED_RESOURCE)
                .replace("new-contacts: Lead", "new-contacts: Contact"));
        assertThat(policies.install(2, v2)).isEmpty();

        assertThat(policies.version()).isEqualTo(2);
        assertThat(policies.snapshot().settings().newContactsAs()).isEqualTo(SObjectType.CONTACT);
        assertThat(policies.snapshot().rules()).isSameAs(before);
    }

    @Test
    @DisplayName("A version whose settings do not load changes nothing and names the problem with the version")
    void badVersionChangesNothing() throws Exception {
        Policies policies = Policies.load(Policies.Source.bundled());
        Map<String, String> files = new HashMap<>(policies.sourceFiles());
        policies.assumeCompiledFrom(files);
        files.put("settings.yaml", "new-contacts: Opportunity\n");

        assertThat(policies.install(3, files)).singleElement().asString().contains("version 3 settings.yaml");
        assertThat(policies.version()).isZero();
        assertThat(policies.snapshot().settings().newContactsAs()).isEqualTo(SObjectType.LEAD);
    }
}
