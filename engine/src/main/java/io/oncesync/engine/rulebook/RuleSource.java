package io.oncesync.engine.rulebook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * One DRL file's text and the name compile errors should show for it ({@code identification.drl}).
 */
public record RuleSource(String name, String text) {

    /** Where the bundled policies live on the classpath; {@code INDEX} lists the DRL files, one per line. */
    public static final String BUNDLED_DIR = "oncesync/rules/";

    public RuleSource {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(text, "text");
    }

    /** Every {@code *.drl} directly in {@code dir}, sorted by name. */
    public static List<RuleSource> fromDirectory(Path dir) throws IOException {
        List<RuleSource> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".drl")).sorted().toList()) {
                out.add(new RuleSource(f.getFileName().toString(), Files.readString(f, StandardCharsets.UTF_8)));
            }
        }
        return out;
    }

    /**
     * The policies bundled in the oncesync-rules jar, read through the classpath (so it works inside a fat jar,
     * where a directory cannot be listed): the files named in {@code oncesync/rules/INDEX}.
     */
    public static List<RuleSource> bundled() {
        String index = io.oncesync.engine.settings.SettingsLoader.resource(BUNDLED_DIR + "INDEX");
        List<RuleSource> out = new ArrayList<>();
        for (String line : index.split("\\R")) {
            String name = line.strip();
            if (!name.isEmpty() && !name.startsWith("#")) {
                out.add(new RuleSource(name, io.oncesync.engine.settings.SettingsLoader.resource(BUNDLED_DIR + name)));
            }
        }
        return out;
    }
}
