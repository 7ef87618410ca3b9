package io.oncesync.server.properties;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

/** Test helper: reads back a SOQL literal list as Salesforce would, asserting it is well formed on the way. */
public final class SoqlLiterals {
    private SoqlLiterals() {
    }

    /** The values of {@code 'a', 'b'} or {@code ('a', 'b')}; fails the test on anything that is not literals. */
    public static List<String> decode(String text) {
        List<String> out = new ArrayList<>();
        int i = 0;
        String s = text.startsWith("(") && text.endsWith(")") ? text.substring(1, text.length() - 1) : text;
        while (i < s.length()) {
            assertThat(s.charAt(i)).as("a literal starts with a quote in " + s).isEqualTo('\'');
            StringBuilder v = new StringBuilder();
            i++;
            while (true) {
                assertThat(i).as("the literal is closed in " + s).isLessThan(s.length());
                char c = s.charAt(i);
                assertThat(c < 0x20).as("no raw line break or other C0 control character").isFalse();
                if (c == '\\') {
                    char e = s.charAt(i + 1);
                    switch (e) {
                        case 'n' -> v.append('\n');
                        case 'r' -> v.append('\r');
                        case 't' -> v.append('\t');
                        case 'b' -> v.append('\b');
                        case 'f' -> v.append('\f');
                        case 'u' -> {
                            v.append((char) Integer.parseInt(s.substring(i + 2, i + 6), 16));
                            i += 4;
                        }
                        default -> v.append(e);
                    }
                    i += 2;
                } else if (c == '\'') {
                    i++;
                    break;
                } else {
                    v.append(c);
                    i++;
                }
            }
            out.add(v.toString());
            if (i < s.length()) {
                assertThat(s.substring(i)).as("only a separator between literals").startsWith(", ");
                i += 2;
            }
        }
        return out;
    }
}
