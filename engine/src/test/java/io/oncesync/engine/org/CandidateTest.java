package io.oncesync.engine.org;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CandidateTest {

    @Test
    @DisplayName("null and blank values (as SOQL returns for empty fields) are absent; names compare case-insensitively")
    void values() {
        Map<String, String> soql = new HashMap<>();
        soql.put("Email", "Jo@Example.com");
        soql.put("Title", null);
        soql.put("Phone", "  ");
        Candidate c = new Candidate(SObjectType.LEAD, "00QA", Instant.EPOCH, false, null, soql);
        assertThat(c.values()).containsOnlyKeys("Email");
        assertThat(c.hasValue("title")).isFalse();
        assertThat(c.value("EMAIL")).isEqualTo("Jo@Example.com");
        assertThat(c.emailKey()).isEqualTo("jo@example.com");
        assertThat(c.holds("Email", " Jo@Example.com ")).isTrue();
    }

    @Test
    @DisplayName("a candidate is a Lead or Contact, and only a Lead can be converted")
    void invariants() {
        assertThatThrownBy(() -> new Candidate(SObjectType.EVENT, "00UA", Instant.EPOCH, false, null, Map.of()))
                .hasMessageContaining("Lead or Contact");
        assertThatThrownBy(() -> new Candidate(SObjectType.CONTACT, "003A", Instant.EPOCH, true, "003B", Map.of()))
                .hasMessageContaining("only a Lead");
    }
}
