package io.oncesync.server.salesforce.lookup;

import io.oncesync.server.salesforce.write.WriteBatches;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Query text built from untrusted values")
class QueryTextTest {

    @Test
    @DisplayName("escapes quotes, backslashes and control characters inside SOQL string literals")
    void soqlEscaping() {
        assertThat(QueryText.soqlString("o'neil@x.com")).isEqualTo("'o\\'neil@x.com'");
        assertThat(QueryText.soqlString("a\\' OR Name LIKE '%")).isEqualTo("'a\\\\\\' OR Name LIKE \\'%'");
        assertThat(QueryText.soqlString("line\nbreak\t\"q\"")).isEqualTo("'line\\nbreak\\t\\\"q\\\"'");
        assertThat(QueryText.soqlString("\u0001")).isEqualTo("'\\u0001'");
        assertThat(QueryText.soqlString("50%_off@x.com")).as("wildcards are literal outside LIKE").isEqualTo("'50%_off@x.com'");
        assertThat(QueryText.soqlList(List.of("a", "b'"))).isEqualTo("('a', 'b\\'')");
    }

    @ParameterizedTest
    @ValueSource(strings = {"x' OR Id != '", "x\\' OR Id != \\'", "'; DELETE", "x')) OR ((Email != '", "\\\\'"})
    @DisplayName("never lets a value end its literal early")
    void literalsStayClosed(String hostile) {
        String literal = QueryText.soqlString(hostile);
        // Walk the literal the way a SOQL lexer does: the only unescaped quote must be the last character.
        int i = 1;
        while (i < literal.length() - 1) {
            char c = literal.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            assertThat(c).as("unescaped quote at %d in %s", i, literal).isNotEqualTo('\'');
            i++;
        }
        assertThat(i).isEqualTo(literal.length() - 1);
    }

    @Test
    @DisplayName("accepts only plain API names and record ids")
    void identifiers() {
        assertThat(QueryText.identifier("OnceHub_Source__c")).isEqualTo("OnceHub_Source__c");
        for (String bad : new String[] {"Name, (SELECT Id FROM Contacts)", "Email FROM User --", "", "1abc", "a.b"}) {
            assertThatThrownBy(() -> QueryText.identifier(bad)).hasMessageContaining("is not a Salesforce API name");
        }
        assertThat(QueryText.soqlId("00Q000000000001AAA")).isEqualTo("'00Q000000000001AAA'");
        assertThatThrownBy(() -> QueryText.soqlId("00Q' OR Id != '")).hasMessageContaining("record id");
    }

    @Test
    @DisplayName("puts only digits into SOSL phone terms and escapes every reserved character elsewhere")
    void sosl() {
        assertThat(QueryText.soslDigits("4155551212")).isEqualTo("\"4155551212\"");
        assertThatThrownBy(() -> QueryText.soslDigits("415} OR {x")).hasMessageContaining("digits only");
        assertThat(QueryText.soslPhrase("a{b}\"c\" OR d*"))
                .isEqualTo("\"a\\{b\\}\\\"c\\\" OR d\\*\"");
    }

    @Test
    @DisplayName("compares phones by digits, tolerating a country code in front")
    void phones() {
        assertThat(PhoneNumber.digits("+1 (415) 555-1212 ")).isEqualTo("14155551212");
        assertThat(PhoneNumber.sameNumber("(415) 555-1212", "415.555.1212")).isTrue();
        assertThat(PhoneNumber.sameNumber("+1 415 555 1212", "4155551212")).isTrue();
        assertThat(PhoneNumber.sameNumber("4155551212", "5551212")).as("too far apart").isFalse();
        assertThat(PhoneNumber.sameNumber("4155551212", "4155551213")).isFalse();
        assertThat(PhoneNumber.sameNumber("07700 900123", "+44 7700 900123")).as("trunk zero vs country code").isTrue();
        assertThat(PhoneNumber.searchable("x123")).isEmpty();
        assertThat(PhoneNumber.searchable("{415} OR {*}555 1212")).contains("4155551212");
    }

    @Test
    @DisplayName("splits long IN lists and DML batches at their limits")
    void chunking() {
        assertThat(WriteBatches.chunks(java.util.stream.IntStream.range(0, 401).boxed().toList(), 200))
                .extracting(List::size).containsExactly(200, 200, 1);
        List<String> items = java.util.Collections.nCopies(10, "'abcdef'");
        assertThat(PersonLookup.chunkByLength(items, 30)).extracting(List::size).containsExactly(2, 2, 2, 2, 2);
    }
}
