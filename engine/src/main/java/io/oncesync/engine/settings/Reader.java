package io.oncesync.engine.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Typed reads from a {@link YamlNode} tree that record a problem (with its line) instead of throwing. */
final class Reader {

    final List<SettingsProblem> problems = new ArrayList<>();

    void problem(SourceLine at, String message) {
        problems.add(new SettingsProblem(at, message));
    }

    YamlNode.Map map(YamlNode node, String what) {
        if (node instanceof YamlNode.Map m) {
            return m;
        }
        problem(node.at(), what + " must be a mapping of keys to values");
        return null;
    }

    YamlNode.Map optionalMap(YamlNode.Map parent, String key) {
        YamlNode node = parent.entries().get(key);
        if (node == null || (node instanceof YamlNode.Scalar s && s.value() == null)) {
            return null;
        }
        return map(node, key);
    }

    List<YamlNode> list(YamlNode node, String what) {
        if (node instanceof YamlNode.Seq s) {
            return s.items();
        }
        if (node instanceof YamlNode.Scalar s && s.value() == null) {
            return List.of();
        }
        problem(node.at(), what + " must be a list");
        return List.of();
    }

    void onlyKeys(YamlNode.Map map, String... allowed) {
        Set<String> ok = Set.of(allowed);
        map.entries().keySet().stream().filter(k -> !ok.contains(k)).forEach(k ->
                problem(map.keyLines().get(k), "unknown key \"" + k + "\"; expected one of " + String.join(", ", allowed)));
    }

    String scalar(YamlNode node, String what) {
        if (node instanceof YamlNode.Scalar s) {
            if (s.value() == null) {
                problem(node.at(), what + " has no value");
            }
            return s.value();
        }
        problem(node.at(), what + " must be a single value");
        return null;
    }

    String optionalScalar(YamlNode.Map map, String key) {
        YamlNode node = map.entries().get(key);
        return node == null ? null : scalar(node, key);
    }

    String requiredScalar(YamlNode.Map map, String key) {
        YamlNode node = map.entries().get(key);
        if (node == null) {
            problem(map.at(), "\"" + key + "\" is missing");
            return null;
        }
        return scalar(node, key);
    }

    boolean bool(YamlNode.Map map, String key) {
        String v = scalar(map.entries().get(key), key);
        if ("true".equalsIgnoreCase(v) || "false".equalsIgnoreCase(v)) {
            return Boolean.parseBoolean(v);
        }
        problem(map.entries().get(key).at(), key + " must be true or false, not \"" + v + "\"");
        return false;
    }

    /** One of the given choices (compared ignoring case, '-', '_' and spaces), or the default when absent. */
    <T> T choice(YamlNode.Map map, String key, Map<String, T> choices, T absent) {
        YamlNode node = map.entries().get(key);
        if (node == null) {
            return absent;
        }
        String v = scalar(node, key);
        if (v == null) {
            return absent;
        }
        T t = choices.get(v.toLowerCase(Locale.ROOT).replaceAll("[-_ ]", ""));
        if (t == null) {
            problem(node.at(), key + ": \"" + v + "\" is not one of " + String.join(", ", new java.util.TreeSet<>(choices.keySet())));
            return absent;
        }
        return t;
    }

    List<String> strings(YamlNode.Map map, String key) {
        List<String> out = new ArrayList<>();
        YamlNode node = map.entries().get(key);
        if (node == null) {
            return out;
        }
        for (YamlNode item : list(node, key)) {
            String s = scalar(item, key + " entry");
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }
}
