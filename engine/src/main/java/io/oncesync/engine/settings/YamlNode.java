package io.oncesync.engine.settings;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document as a tree whose every node remembers its file and line, so settings errors can say
 * {@code settings.yaml:12}. Built from Jackson's streaming YAML parser. Package-private.
 */
sealed interface YamlNode permits YamlNode.Scalar, YamlNode.Seq, YamlNode.Map {

    SourceLine at();

    record Scalar(String value, SourceLine at) implements YamlNode {
    }

    record Seq(List<YamlNode> items, SourceLine at) implements YamlNode {
    }

    /** Keys keep file order; {@code keyLines} gives the line of each key. */
    record Map(java.util.Map<String, YamlNode> entries, java.util.Map<String, SourceLine> keyLines, SourceLine at)
            implements YamlNode {
    }

    /** Thrown while parsing only; the loader turns it into a {@link SettingsProblem}. */
    final class Bad extends Exception {
        final SourceLine at;

        Bad(SourceLine at, String message) {
            super(message, null, false, false);
            this.at = at;
        }
    }

    YAMLFactory FACTORY = new YAMLFactory();

    static YamlNode parse(String file, String text) throws Bad {
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return new Map(new LinkedHashMap<>(), new LinkedHashMap<>(), new SourceLine(file, 1));
            }
            YamlNode root = read(p, file);
            if (p.nextToken() != null) {
                throw new Bad(line(file, p.currentTokenLocation()), "only one YAML document is allowed");
            }
            return root;
        } catch (IOException e) {
            int line = e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe && jpe.getLocation() != null
                    ? jpe.getLocation().getLineNr() : 1;
            String msg = e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe
                    ? jpe.getOriginalMessage() : e.getMessage();
            throw new Bad(new SourceLine(file, line), "not valid YAML: " + firstLine(msg));
        }
    }

    private static String firstLine(String s) {
        int nl = s == null ? -1 : s.indexOf('\n');
        return nl < 0 ? String.valueOf(s) : s.substring(0, nl);
    }

    private static YamlNode read(JsonParser p, String file) throws IOException, Bad {
        SourceLine at = line(file, p.currentTokenLocation());
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            java.util.Map<String, YamlNode> entries = new LinkedHashMap<>();
            java.util.Map<String, SourceLine> keyLines = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                SourceLine keyAt = line(file, p.currentTokenLocation());
                if (entries.containsKey(key)) {
                    throw new Bad(keyAt, "\"" + key + "\" appears twice");
                }
                p.nextToken();
                entries.put(key, read(p, file));
                keyLines.put(key, keyAt);
            }
            return new Map(entries, keyLines, at);
        }
        if (t == JsonToken.START_ARRAY) {
            List<YamlNode> items = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                items.add(read(p, file));
            }
            return new Seq(items, at);
        }
        return new Scalar(t == JsonToken.VALUE_NULL ? null : p.getText(), at);
    }

    private static SourceLine line(String file, JsonLocation loc) {
        return new SourceLine(file, loc == null ? 1 : Math.max(1, loc.getLineNr()));
    }

    /**
     * The overlay's entries replace the base's; nested maps merge key by key, lists and scalars are replaced
     * whole. Used for per-scenario overrides of the bundled settings.
     */
    static YamlNode merge(YamlNode base, YamlNode overlay) {
        if (base instanceof Map b && overlay instanceof Map o) {
            java.util.Map<String, YamlNode> entries = new LinkedHashMap<>(b.entries());
            java.util.Map<String, SourceLine> lines = new LinkedHashMap<>(b.keyLines());
            o.entries().forEach((k, v) -> {
                YamlNode prior = entries.get(k);
                entries.put(k, prior == null ? v : merge(prior, v));
                lines.put(k, o.keyLines().get(k));
            });
            return new Map(entries, lines, b.at());
        }
        return overlay;
    }
}
