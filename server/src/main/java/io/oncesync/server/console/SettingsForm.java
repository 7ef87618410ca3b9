package io.oncesync.server.console;

import io.oncesync.engine.oncehub.PropertyCatalog;
import io.oncesync.engine.org.SObjectType;
import io.oncesync.engine.settings.Fallback;
import io.oncesync.engine.settings.FieldMapping;
import io.oncesync.engine.settings.MatchPreference;
import io.oncesync.engine.settings.MeetingMode;
import io.oncesync.engine.settings.Settings;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The settings page as the browser edits it, and its translation to {@code settings.yaml}. The form:
 * <pre>{@code
 * {"newContacts": "Lead|Contact", "whenBothMatch": "Contact|Lead|MostRecent", "meetings": "Events|Cases",
 *  "caseCalendars": ["BKC-…"], "mappings": {"Leads": [{"field", "from" | "value", "overwrite", "type"}], …},
 *  "fallbacks": {"Lead": {"Company": "[not provided]"}, …}}
 * }</pre>
 * The YAML is written one row per line, so a problem the settings loader or validator reports at a line points
 * back at the row of the form it came from ({@link Written#pointer(int)}). Nothing is validated here beyond the
 * form's shape: the loader and validator do that, exactly as for a hand-written file.
 */
final class SettingsForm {
    static final List<String> TABS = List.of("Leads", "Contacts", "Events", "Cases");
    static final List<String> OBJECTS = List.of("Lead", "Contact", "Event", "Case");
    private static final Map<String, SObjectType> TAB_OBJECT = Map.of("Leads", SObjectType.LEAD,
            "Contacts", SObjectType.CONTACT, "Events", SObjectType.EVENT, "Cases", SObjectType.CASE);

    /** The YAML text and, per 1-based line, the part of the form it came from. */
    record Written(String yaml, Map<Integer, JsonObject> pointers) {
        /** The pointer of {@code line}, or of the nearest line above it that has one. */
        JsonObject pointer(int line) {
            Map.Entry<Integer, JsonObject> e = new TreeMap<>(pointers).floorEntry(line);
            return e == null ? new JsonObject().put("section", "file") : e.getValue();
        }
    }

    private SettingsForm() {
    }

    /** The form showing {@code s}. */
    static JsonObject of(Settings s) {
        JsonObject mappings = new JsonObject();
        for (String tab : TABS) {
            JsonArray rows = new JsonArray();
            for (FieldMapping m : s.tab(TAB_OBJECT.get(tab))) {
                JsonObject row = new JsonObject().put("field", m.field());
                if (m.property() != null) {
                    row.put("from", m.property());
                    if (dynamic(m.property())) {
                        row.put("type", m.propertyType().name().toLowerCase(Locale.ROOT));
                    }
                } else {
                    row.put("value", m.constant());
                }
                if (m.object().isPerson()) {
                    row.put("overwrite", m.overwrite());
                }
                rows.add(row);
            }
            mappings.put(tab, rows);
        }
        JsonObject fallbacks = new JsonObject();
        OBJECTS.forEach(o -> fallbacks.put(o, new JsonObject()));
        for (Fallback f : s.fallbacks()) {
            fallbacks.getJsonObject(f.object().apiName()).put(f.field(), f.value());
        }
        return new JsonObject()
                .put("newContacts", s.newContactsAs() == SObjectType.CONTACT ? "Contact" : "Lead")
                .put("whenBothMatch", switch (s.whenBothMatch()) {
                    case CONTACT -> "Contact";
                    case LEAD -> "Lead";
                    case MOST_RECENT -> "MostRecent";
                })
                .put("meetings", s.meetings() == MeetingMode.EVENTS ? "Events" : "Cases")
                .put("caseCalendars", new JsonArray(s.caseCalendars()))
                .put("mappings", mappings).put("fallbacks", fallbacks);
    }

    static boolean dynamic(String property) {
        return property.startsWith(PropertyCatalog.CUSTOM_PREFIX) || property.startsWith(PropertyCatalog.ANSWER_PREFIX);
    }

    /** The settings file for {@code form}; a form of the wrong shape is an {@link IllegalArgumentException}. */
    static Written yaml(JsonObject form) {
        if (form == null) {
            throw new IllegalArgumentException("post the settings form as a JSON object");
        }
        Lines out = new Lines();
        out.add(null, "# oncesync settings, saved from the console. Edit here or in the console; every mistake is");
        out.add(null, "# reported as settings.yaml:<line>: <what is wrong>. The README's \"Settings\" section explains each key.");
        out.add(section("newContacts"), "new-contacts: " + q(text(form, "newContacts", "Lead")));
        out.add(section("whenBothMatch"), "when-lead-and-contact-match: " + q(text(form, "whenBothMatch", "Contact")));
        out.add(section("meetings"), "meetings:");
        out.add(section("meetings"), "  create: " + q(text(form, "meetings", "Events")));
        StringBuilder calendars = new StringBuilder();
        for (Object c : array(form, "caseCalendars")) {
            calendars.append(calendars.length() == 0 ? "" : ", ").append(q(string(c, "caseCalendars entry")));
        }
        out.add(section("caseCalendars"), "  case-calendars: [" + calendars + "]");
        mappings(form, out);
        fallbacks(form, out);
        return new Written(out.text.toString(), out.pointers);
    }

    private static void mappings(JsonObject form, Lines out) {
        JsonObject tabs = object(form, "mappings");
        unknownKeys(tabs, TABS, "mappings");
        boolean any = TABS.stream().anyMatch(t -> !array(tabs, t).isEmpty());
        out.add(section("mappings"), any ? "mappings:" : "mappings: {}");
        for (String tab : TABS) {
            JsonArray rows = array(tabs, tab);
            if (rows.isEmpty()) {
                continue;
            }
            // the form's tab is the page's ("Leads"); the file's key is the Salesforce object ("Lead")
            out.add(new JsonObject().put("tab", tab), "  " + TAB_OBJECT.get(tab).apiName() + ":");
            for (int i = 0; i < rows.size(); i++) {
                if (!(rows.getValue(i) instanceof JsonObject row)) {
                    throw new IllegalArgumentException("mappings." + tab + "[" + i + "] must be an object");
                }
                out.add(new JsonObject().put("tab", tab).put("index", i), "    - " + row(row, TAB_OBJECT.get(tab).isPerson()));
            }
        }
    }

    private static String row(JsonObject row, boolean person) {
        StringBuilder b = new StringBuilder("{ field: ").append(q(text(row, "field", "")));
        String from = text(row, "from", "");
        boolean constant = row.getValue("value") != null;
        if (!from.isBlank() || !constant) {
            b.append(", from: ").append(q(from));
        }
        if (constant) {
            b.append(", value: ").append(q(string(row.getValue("value"), "value")));
        }
        String type = text(row, "type", "");
        if (!type.isBlank() && dynamic(from)) {
            b.append(", type: ").append(q(type));
        }
        if (person) {
            Object o = row.getValue("overwrite");
            if (o != null && !(o instanceof Boolean)) {
                throw new IllegalArgumentException("overwrite must be true or false");
            }
            b.append(", overwrite: ").append(Boolean.TRUE.equals(o));
        }
        return b.append(" }").toString();
    }

    private static void fallbacks(JsonObject form, Lines out) {
        JsonObject objects = object(form, "fallbacks");
        unknownKeys(objects, OBJECTS, "fallbacks");
        boolean any = OBJECTS.stream().anyMatch(o -> !object(objects, o).isEmpty());
        out.add(section("fallbacks"), any ? "fallbacks:" : "fallbacks: {}");
        for (String o : OBJECTS) {
            JsonObject fields = object(objects, o);
            if (fields.isEmpty()) {
                continue;
            }
            out.add(section("fallbacks"), "  " + o + ":");
            for (String field : fields.fieldNames()) {
                String value = string(fields.getValue(field), "fallbacks." + o + "." + field);
                out.add(new JsonObject().put("fallback", o + "." + field), "    " + q(field) + ": " + q(value));
            }
        }
    }

    private static JsonObject section(String name) {
        return new JsonObject().put("section", name);
    }

    /**
     * A YAML double-quoted scalar holding exactly {@code s}, readable in the file (letters of every script as they
     * are). Escaped: the quote and backslash, and what YAML would otherwise change or refuse: line breaks (it folds
     * LF, CR, U+0085, U+2028 and U+2029 into spaces), control characters, the byte-order mark, lone surrogates and
     * U+FFFE/U+FFFF.
     */
    static String q(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        s.codePoints().forEach(c -> {
            if (c == '"' || c == '\\') {
                b.append('\\').appendCodePoint(c);
            } else if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x2028 || c == 0x2029 || c == 0xFEFF
                    || (c >= 0xD800 && c <= 0xDFFF) || c == 0xFFFE || c == 0xFFFF) {
                b.append(String.format("\\u%04X", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.append('"').toString();
    }

    private static String text(JsonObject o, String key, String dflt) {
        Object v = o.getValue(key);
        return v == null ? dflt : string(v, key);
    }

    private static String string(Object v, String what) {
        if (v instanceof String s) {
            return s.strip();
        }
        if (v instanceof Number || v instanceof Boolean) {
            return String.valueOf(v);
        }
        throw new IllegalArgumentException(what + " must be text");
    }

    private static JsonArray array(JsonObject o, String key) {
        Object v = o.getValue(key);
        if (v == null) {
            return new JsonArray();
        }
        if (v instanceof JsonArray a) {
            return a;
        }
        throw new IllegalArgumentException(key + " must be a list");
    }

    private static JsonObject object(JsonObject o, String key) {
        Object v = o.getValue(key);
        if (v == null) {
            return new JsonObject();
        }
        if (v instanceof JsonObject j) {
            return j;
        }
        throw new IllegalArgumentException(key + " must be an object");
    }

    private static void unknownKeys(JsonObject o, List<String> known, String where) {
        for (String k : o.fieldNames()) {
            if (!known.contains(k)) {
                throw new IllegalArgumentException(where + " has no \"" + k + "\"; use " + String.join(", ", known));
            }
        }
    }

    private static final class Lines {
        final StringBuilder text = new StringBuilder();
        final Map<Integer, JsonObject> pointers = new TreeMap<>();
        int line;

        void add(JsonObject pointer, String content) {
            line++;
            if (pointer != null) {
                pointers.put(line, pointer);
            }
            text.append(content).append('\n');
        }
    }
}
