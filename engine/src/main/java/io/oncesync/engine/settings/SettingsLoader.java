package io.oncesync.engine.settings;

import io.oncesync.engine.oncehub.PropertyCatalog;
import io.oncesync.engine.oncehub.PropertyType;
import io.oncesync.engine.org.SObjectType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the admin's {@code settings.yaml} (format: see the README's "Settings" section and the bundled file) and
 * checks everything that can be checked without the org: keys, enum values, property names, duplicates. Checks
 * against the org's field metadata live in {@link SettingsValidator}. All problems are reported at once.
 */
public final class SettingsLoader {

    /** Where the bundled default settings live on the classpath (in the oncesync-rules jar). */
    public static final String BUNDLED_RESOURCE = "oncesync/settings.yaml";

    /** Link fields the meetings policy owns; a mapping to them would fight the policy. */
    static final Set<String> RESERVED = Set.of("whoid", "whatid", "contactid", "id");

    /**
     * The mapping tabs' names before they became the objects' API names (as under {@code fallbacks}): still read, with
     * a deprecation warning, so an operator's settings.yaml keeps loading after an upgrade.
     */
    private static final Map<String, SObjectType> OLD_TAB_NAMES = Map.of(
            "Leads", SObjectType.LEAD, "Contacts", SObjectType.CONTACT,
            "Events", SObjectType.EVENT, "Cases", SObjectType.CASE);

    private SettingsLoader() {
    }

    /** The default settings bundled with the rules module, loaded from the classpath (works inside a fat jar). */
    public static SettingsResult bundled() {
        return parse("settings.yaml", resource(BUNDLED_RESOURCE));
    }

    /** Reads a settings file; a missing or unreadable file is a problem at line 1, not an exception. */
    public static SettingsResult load(Path file) {
        try {
            return parse(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return invalid(new SourceLine(file.toString(), 1), "cannot read: " + e);
        }
    }

    /** Parses settings text; {@code fileName} is what problems name. */
    public static SettingsResult parse(String fileName, String yaml) {
        try {
            Upgrade upgrade = new Upgrade();
            return build(upgrade.apply(YamlNode.parse(fileName, yaml)), upgrade);
        } catch (YamlNode.Bad bad) {
            return invalid(bad.at, bad.getMessage());
        }
    }

    /**
     * Parses base settings with an overlay on top (nested keys merge, lists and values are replaced whole), e.g.
     * a golden scenario's {@code settings.yaml} over the bundled defaults. Problems name the file each line
     * came from.
     */
    public static SettingsResult parse(String baseName, String baseYaml, String overlayName, String overlayYaml) {
        try {
            Upgrade upgrade = new Upgrade();
            return build(YamlNode.merge(upgrade.apply(YamlNode.parse(baseName, baseYaml)),
                    upgrade.apply(YamlNode.parse(overlayName, overlayYaml))), upgrade);
        } catch (YamlNode.Bad bad) {
            return invalid(bad.at, bad.getMessage());
        }
    }

    /** A classpath resource as text (the context class loader first, so it works in a fat jar and in tests). */
    public static String resource(String name) {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        InputStream in = cl == null ? null : cl.getResourceAsStream(name);
        if (in == null) {
            in = SettingsLoader.class.getClassLoader().getResourceAsStream(name);
        }
        if (in == null) {
            throw new IllegalStateException("classpath resource " + name + " is missing: is oncesync-rules on the classpath?");
        }
        try (InputStream s = in) {
            return new String(s.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read classpath resource " + name, e);
        }
    }

    private static SettingsResult invalid(SourceLine at, String message) {
        return new SettingsResult.Invalid(List.of(new SettingsProblem(at, message)));
    }

    /**
     * Renames the old mapping tab names ({@code Leads}, ...) to the object names, each with a warning at its line,
     * before anything else reads the file (so an old-style overlay still replaces the new-style base's tab).
     */
    private static final class Upgrade {
        final List<SettingsProblem> warnings = new ArrayList<>();
        final List<SettingsProblem> problems = new ArrayList<>();

        YamlNode apply(YamlNode root) {
            if (!(root instanceof YamlNode.Map top) || !(top.entries().get("mappings") instanceof YamlNode.Map tabs)
                    || tabs.entries().keySet().stream().noneMatch(OLD_TAB_NAMES::containsKey)) {
                return root;
            }
            Map<String, YamlNode> entries = new java.util.LinkedHashMap<>();
            Map<String, SourceLine> lines = new java.util.LinkedHashMap<>();
            tabs.entries().forEach((name, node) -> {
                SObjectType old = OLD_TAB_NAMES.get(name);
                SourceLine at = tabs.keyLines().get(name);
                String key = old == null ? name : old.apiName();
                if (old != null) {
                    warnings.add(new SettingsProblem(at, "deprecated: mappings: \"" + name + "\" is the old name of the "
                            + key + " tab; write \"" + key + "\" (the Salesforce object, as under fallbacks). Read as "
                            + key + " for now."));
                }
                if (old != null && tabs.entries().containsKey(key)) {
                    problems.add(new SettingsProblem(at, "mappings: the " + key + " tab is given twice, as \"" + name
                            + "\" (its old name) and \"" + key + "\"; keep \"" + key + "\""));
                    return;
                }
                entries.put(key, node);
                lines.put(key, at);
            });
            Map<String, YamlNode> topEntries = new java.util.LinkedHashMap<>(top.entries());
            topEntries.put("mappings", new YamlNode.Map(entries, lines, tabs.at()));
            return new YamlNode.Map(topEntries, top.keyLines(), top.at());
        }
    }

    private static SettingsResult build(YamlNode root, Upgrade upgrade) {
        Reader r = new Reader();
        r.problems.addAll(upgrade.problems);
        YamlNode.Map top = r.map(root, "the settings");
        if (top == null) {
            return new SettingsResult.Invalid(r.problems);
        }
        r.onlyKeys(top, "new-contacts", "when-lead-and-contact-match", "meetings", "mappings", "fallbacks");
        SObjectType newAs = r.choice(top, "new-contacts", Map.of("lead", SObjectType.LEAD, "contact", SObjectType.CONTACT),
                SObjectType.LEAD);
        MatchPreference pref = r.choice(top, "when-lead-and-contact-match", Map.of("contact", MatchPreference.CONTACT,
                "lead", MatchPreference.LEAD, "mostrecent", MatchPreference.MOST_RECENT), MatchPreference.CONTACT);
        MeetingMode mode = MeetingMode.EVENTS;
        List<String> calendars = new ArrayList<>();
        YamlNode.Map meetings = r.optionalMap(top, "meetings");
        if (meetings != null) {
            r.onlyKeys(meetings, "create", "case-calendars");
            mode = r.choice(meetings, "create", Map.of("events", MeetingMode.EVENTS,
                    "cases", MeetingMode.CASES_FOR_SELECTED_CALENDARS), MeetingMode.EVENTS);
            calendars = r.strings(meetings, "case-calendars");
            if (mode == MeetingMode.CASES_FOR_SELECTED_CALENDARS && calendars.isEmpty()) {
                r.problem(meetings.at(), "meetings: create: Cases needs at least one entry in case-calendars");
            }
        }
        List<FieldMapping> mappings = mappings(r, r.optionalMap(top, "mappings"));
        List<Fallback> fallbacks = fallbacks(r, r.optionalMap(top, "fallbacks"));
        if (!r.problems.isEmpty()) {
            return new SettingsResult.Invalid(r.problems);
        }
        return new SettingsResult.Loaded(new Settings(newAs, pref, mode, calendars, mappings, fallbacks), upgrade.warnings);
    }

    private static List<FieldMapping> mappings(Reader r, YamlNode.Map tabs) {
        List<FieldMapping> out = new ArrayList<>();
        if (tabs == null) {
            return out;
        }
        tabs.entries().forEach((tabName, node) -> {
            SObjectType object = SObjectType.fromApiName(tabName).filter(o -> o.apiName().equals(tabName)).orElse(null);
            if (object == null) {
                r.problem(tabs.keyLines().get(tabName), "unknown mapping tab \"" + tabName + "\"; the tabs are "
                        + "Lead, Contact, Event, Case");
                return;
            }
            Set<String> seen = new HashSet<>();
            for (YamlNode row : r.list(node, tabName)) {
                FieldMapping m = MappingRow.read(r, object, row);
                if (m != null && !seen.add(m.field().toLowerCase(Locale.ROOT))) {
                    r.problem(m.at(), tabName + ": " + m.field() + " is mapped twice");
                } else if (m != null) {
                    out.add(m);
                }
            }
        });
        return out;
    }

    private static List<Fallback> fallbacks(Reader r, YamlNode.Map objects) {
        List<Fallback> out = new ArrayList<>();
        if (objects == null) {
            return out;
        }
        objects.entries().forEach((objectName, node) -> {
            SObjectType object = SObjectType.fromApiName(objectName).orElse(null);
            if (object == null) {
                r.problem(objects.keyLines().get(objectName), "unknown object \"" + objectName
                        + "\"; fallbacks are per Lead, Contact, Event or Case");
                return;
            }
            YamlNode.Map fields = r.map(node, "fallbacks of " + objectName);
            if (fields == null) {
                return;
            }
            fields.entries().forEach((field, value) -> {
                String text = r.scalar(value, objectName + "." + field);
                if (text != null && text.isBlank()) {
                    r.problem(value.at(), "the fallback for " + objectName + "." + field + " is blank");
                } else if (text != null) {
                    out.add(new Fallback(object, field, text, fields.keyLines().get(field)));
                }
            });
        });
        return out;
    }

    /** Reads one mapping row: {@code { field: X, from: property | value: constant, overwrite: bool, type: t }}. */
    static final class MappingRow {
        private MappingRow() {
        }

        static FieldMapping read(Reader r, SObjectType object, YamlNode node) {
            YamlNode.Map row = r.map(node, "a mapping row");
            if (row == null) {
                return null;
            }
            r.onlyKeys(row, "field", "from", "value", "overwrite", "type");
            String field = r.requiredScalar(row, "field");
            String from = r.optionalScalar(row, "from");
            String constant = r.optionalScalar(row, "value");
            SourceLine at = row.at();
            if (field == null) {
                return null;
            }
            if (RESERVED.contains(field.toLowerCase(Locale.ROOT))) {
                r.problem(at, field + " is set by the meetings policy and cannot be mapped");
                return null;
            }
            if ((from == null) == (constant == null)) {
                r.problem(at, field + ": give exactly one of \"from\" (a OnceHub property) or \"value\" (a constant)");
                return null;
            }
            boolean overwrite = true;
            if (row.entries().containsKey("overwrite")) {
                if (!object.isPerson()) {
                    r.problem(row.keyLines().get("overwrite"), "overwrite applies to the Lead and Contact tabs only");
                } else {
                    overwrite = r.bool(row, "overwrite");
                }
            } else if (object.isPerson()) {
                overwrite = false; // the safe default: only fill blank Salesforce fields
            }
            PropertyType type = PropertyType.TEXT;
            if (from != null) {
                type = propertyType(r, object, row, from);
                if (type == null) {
                    return null;
                }
            }
            return new FieldMapping(object, field, from, constant, type, overwrite, at);
        }

        private static PropertyType propertyType(Reader r, SObjectType object, YamlNode.Map row, String from) {
            PropertyType catalog = PropertyCatalog.typeOf(from, !object.isPerson()).orElse(null);
            if (catalog == null) {
                r.problem(row.keyLines().get("from"), "unknown " + (object.isPerson() ? "contact" : "meeting")
                        + " property \"" + from + "\"" + suggestion(object));
                return null;
            }
            String declared = r.optionalScalar(row, "type");
            if (declared == null) {
                return catalog;
            }
            boolean dynamic = from.startsWith(PropertyCatalog.CUSTOM_PREFIX) || from.startsWith(PropertyCatalog.ANSWER_PREFIX);
            try {
                PropertyType t = PropertyType.valueOf(declared.toUpperCase(Locale.ROOT));
                if (!dynamic && t != catalog) {
                    r.problem(row.keyLines().get("type"), from + " is a " + catalog.name().toLowerCase(Locale.ROOT)
                            + " property; only custom: and answer: properties take a declared type");
                }
                return t;
            } catch (IllegalArgumentException e) {
                r.problem(row.keyLines().get("type"), "unknown type \"" + declared + "\"; use one of "
                        + java.util.Arrays.toString(PropertyType.values()).toLowerCase(Locale.ROOT));
                return null;
            }
        }

        private static String suggestion(SObjectType object) {
            var names = object.isPerson() ? PropertyCatalog.contactProperties() : PropertyCatalog.meetingProperties();
            return "; known: " + String.join(", ", new java.util.TreeSet<>(names.keySet()))
                    + ", custom:<name>, answer:<label>";
        }
    }
}
