package io.oncesync.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Keeps the server's classes readable in one sitting: no source file under {@code server/src/main/java} is longer
 * than {@value #MAX_LINES} lines unless docs/architecture.md's "Why some classes are longer than 350 lines" says why.
 */
class ClassSizeTest {
    static final int MAX_LINES = 350;
    /** This module's basedir is {@code <repo>/server}. */
    private static final Path SERVER = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
    private static final Path SOURCES = SERVER.resolve("src/main/java/io/oncesync/server");
    private static final Path ARCHITECTURE = SERVER.getParent().resolve("docs/architecture.md");
    private static final String NOTE = "## Why some classes are longer than 350 lines";
    /** Must name the same classes as the note: a longer class takes a reason in the docs and an entry here. */
    private static final Set<String> ALLOWED = Set.of("work/WorkerPool.java");

    @Test
    @DisplayName("no class in server/ is longer than 350 lines unless the architecture page says why")
    void classesStayShort() throws IOException {
        assertThat(SOURCES).as("the server's sources").isDirectory();
        Map<String, Long> tooLong = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                long lines = Files.readAllLines(f).size();
                String name = SOURCES.relativize(f).toString().replace('\\', '/');
                if (lines > MAX_LINES && !ALLOWED.contains(name)) {
                    tooLong.put(name, lines);
                }
            }
        }
        assertThat(tooLong).as("classes over %d lines: split them, or say why in docs/architecture.md's note and"
                + " add them to ClassSizeTest.ALLOWED", MAX_LINES).isEmpty();
    }

    @Test
    @DisplayName("the allow-list names exactly the classes the architecture page's note names")
    void allowListMatchesTheNote() throws IOException {
        assertThat(noted(Files.readString(ARCHITECTURE))).isEqualTo(new TreeSet<>(ALLOWED));
    }

    @Test
    @DisplayName("the note's classes are read from its table rows, and only from that section")
    void readsTheNote() {
        String doc = """
                ## Before
                | `a/Other.java` | not this one |

                ## Why some classes are longer than 350 lines

                | class | why |
                |---|---|
                | `work/WorkerPool.java` | one lock |
                | `app/Demo.java` | for now |

                ## After
                | `b/Later.java` | nor this |
                """;
        assertThat(noted(doc)).containsExactly("app/Demo.java", "work/WorkerPool.java");
        assertThat(noted("# no note here\n")).isEmpty();
    }

    /** The first code span of each table row in the note's section. */
    static Set<String> noted(String markdown) {
        Set<String> out = new TreeSet<>();
        int start = markdown.indexOf(NOTE);
        if (start < 0) {
            return out;
        }
        Pattern row = Pattern.compile("^\\|\\s*`([^`]+)`");
        for (String line : markdown.substring(start + NOTE.length()).split("\n")) {
            if (line.startsWith("## ")) {
                break;
            }
            Matcher m = row.matcher(line);
            if (m.find()) {
                out.add(m.group(1));
            }
        }
        return out;
    }
}
