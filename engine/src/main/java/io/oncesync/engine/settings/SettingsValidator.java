package io.oncesync.engine.settings;

import io.oncesync.engine.org.FieldMeta;
import io.oncesync.engine.org.FieldType;
import io.oncesync.engine.org.OrgMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks settings against the org's field metadata: every mapped and fallback field exists and is writable,
 * every mapping pairs compatible types ({@link Compatibility}), constants and fallbacks fit restricted
 * picklists. Problems carry the file and line of the offending row. Objects without metadata are skipped.
 */
public final class SettingsValidator {

    private SettingsValidator() {
    }

    public static List<SettingsProblem> validate(Settings settings, OrgMetadata metadata) {
        List<SettingsProblem> out = new ArrayList<>();
        for (FieldMapping m : settings.mappings()) {
            if (metadata.object(m.object()).isEmpty()) {
                continue;
            }
            Optional<FieldMeta> field = metadata.field(m.object(), m.field());
            String where = m.object().apiName() + "." + m.field();
            if (field.isEmpty()) {
                out.add(new SettingsProblem(m.at(), where + " does not exist in the org"));
                continue;
            }
            FieldMeta f = field.get();
            if (!f.createable() && !f.updateable()) {
                out.add(new SettingsProblem(m.at(), where + " is read-only in the org"));
            }
            if (m.constant() != null) {
                checkFits(m.constant(), f, where, m.at(), out);
            } else if (Compatibility.of(m.propertyType(), f.type()) == Compatibility.Verdict.REJECTED) {
                out.add(new SettingsProblem(m.at(), "cannot map " + m.property() + " ("
                        + m.propertyType().name().toLowerCase() + ") to " + where + " (" + f.type().describeName()
                        + "); " + Compatibility.article(f.type()) + " field takes " + accepted(f.type())));
            }
        }
        for (Fallback fb : settings.fallbacks()) {
            if (metadata.object(fb.object()).isEmpty()) {
                continue;
            }
            String where = fb.object().apiName() + "." + fb.field();
            Optional<FieldMeta> field = metadata.field(fb.object(), fb.field());
            if (field.isEmpty()) {
                out.add(new SettingsProblem(fb.at(), "fallback for " + where + ", which does not exist in the org"));
            } else {
                checkFits(fb.value(), field.get(), "fallback for " + where, fb.at(), out);
            }
        }
        return out;
    }

    /**
     * Mappings that are allowed but will often not fit: a free-text property (an answer, a custom field) mapped to a
     * date, date-time, number or boolean field. Each answer that does not parse is set aside by the repair policy
     * (left out of the field, kept in the trace); the warning tells the admin before the first guest answers "11-50".
     */
    public static List<SettingsProblem> warnings(Settings settings, OrgMetadata metadata) {
        List<SettingsProblem> out = new ArrayList<>();
        for (FieldMapping m : settings.mappings()) {
            if (m.property() == null || m.propertyType() != io.oncesync.engine.oncehub.PropertyType.TEXT) {
                continue;
            }
            Optional<FieldMeta> field = metadata.field(m.object(), m.field());
            if (field.isEmpty()) {
                continue;
            }
            FieldType type = field.get().type();
            String takes = switch (type) {
                case DATE -> "a yyyy-MM-dd date";
                case DATETIME -> "an ISO-8601 date-time";
                case INT, DOUBLE, CURRENCY, PERCENT -> "a number";
                case BOOLEAN -> "true or false";
                default -> null;
            };
            if (takes != null) {
                out.add(new SettingsProblem(m.at(), "warning: " + m.property() + " (text) is mapped to "
                        + m.object().apiName() + "." + m.field() + " (" + type.describeName() + "); an answer that is"
                        + " not " + takes + " (e.g. \"11-50\") is left out of the field and kept in the trace"
                        + (m.property().startsWith("custom:") || m.property().startsWith("answer:")
                        ? "; give the mapping a type (type: " + (type == FieldType.BOOLEAN ? "boolean"
                        : type == FieldType.DATE ? "date" : type == FieldType.DATETIME ? "datetime" : "number")
                        + ") if the question only takes such answers" : "")));
            }
        }
        return out;
    }

    private static String accepted(FieldType type) {
        List<String> names = new ArrayList<>();
        for (io.oncesync.engine.oncehub.PropertyType p : io.oncesync.engine.oncehub.PropertyType.values()) {
            if (Compatibility.of(p, type) != Compatibility.Verdict.REJECTED) {
                names.add(p.name().toLowerCase());
            }
        }
        return names.isEmpty() ? "no OnceHub property" : String.join(", ", names) + " properties";
    }

    private static void checkFits(String value, FieldMeta f, String where, SourceLine at, List<SettingsProblem> out) {
        if (f.type() == FieldType.PICKLIST && f.restricted() && !f.picklistValues().contains(value)) {
            out.add(new SettingsProblem(at, where + ": \"" + value + "\" is not a value of the restricted picklist "
                    + f.picklistValues()));
        }
        if (f.type().isTextual() && f.length() > 0 && value.length() > f.length()) {
            out.add(new SettingsProblem(at, where + ": \"" + value + "\" is longer than " + f.length() + " characters"));
        }
    }
}
