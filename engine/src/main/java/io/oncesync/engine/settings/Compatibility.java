package io.oncesync.engine.settings;

import io.oncesync.engine.oncehub.PropertyType;
import io.oncesync.engine.org.FieldMeta;
import io.oncesync.engine.org.FieldType;
import io.oncesync.engine.org.ObjectMeta;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Which OnceHub property types may feed which Salesforce field types: the compatibility matrix of the
 * Salesforce research note (§9). DIRECT pairs always fit; CONVERTED pairs are converted and may still fail per
 * value (too long, not a valid email, not in a restricted picklist), which the plan reports as a validation
 * failure naming the field; REJECTED pairs are a settings error.
 */
public final class Compatibility {

    public enum Verdict { DIRECT, CONVERTED, REJECTED }

    private Compatibility() {
    }

    public static Verdict of(PropertyType from, FieldType to) {
        return switch (to) {
            case STRING, TEXTAREA, ENCRYPTEDSTRING, ANYTYPE -> from == PropertyType.TEXT || from == PropertyType.EMAIL
                    || from == PropertyType.PHONE ? Verdict.DIRECT : Verdict.CONVERTED;
            case EMAIL -> from == PropertyType.EMAIL ? Verdict.DIRECT
                    : from == PropertyType.TEXT ? Verdict.CONVERTED : Verdict.REJECTED;
            case PHONE -> from == PropertyType.PHONE ? Verdict.DIRECT
                    : from == PropertyType.TEXT || from == PropertyType.NUMBER ? Verdict.CONVERTED : Verdict.REJECTED;
            case URL -> from == PropertyType.TEXT ? Verdict.CONVERTED : Verdict.REJECTED;
            case PICKLIST, COMBOBOX -> from == PropertyType.DATE || from == PropertyType.DATETIME
                    || from == PropertyType.LIST ? Verdict.REJECTED : Verdict.CONVERTED;
            case MULTIPICKLIST -> from == PropertyType.LIST ? Verdict.DIRECT
                    : from == PropertyType.TEXT ? Verdict.CONVERTED : Verdict.REJECTED;
            case BOOLEAN -> from == PropertyType.BOOLEAN ? Verdict.DIRECT
                    : from == PropertyType.TEXT || from == PropertyType.NUMBER ? Verdict.CONVERTED : Verdict.REJECTED;
            case INT, DOUBLE, CURRENCY, PERCENT -> from == PropertyType.NUMBER ? Verdict.DIRECT
                    : from == PropertyType.TEXT ? Verdict.CONVERTED : Verdict.REJECTED;
            case DATE -> from == PropertyType.DATE ? Verdict.DIRECT
                    : from == PropertyType.DATETIME || from == PropertyType.TEXT ? Verdict.CONVERTED : Verdict.REJECTED;
            case DATETIME -> from == PropertyType.DATETIME ? Verdict.DIRECT
                    : from == PropertyType.DATE || from == PropertyType.TEXT ? Verdict.CONVERTED : Verdict.REJECTED;
            case REFERENCE, ID -> from == PropertyType.TEXT ? Verdict.CONVERTED : Verdict.REJECTED;
            case ADDRESS, TIME, BASE64 -> Verdict.REJECTED;
        };
    }

    /** "a string", "an email": the field type with its article, for messages. */
    public static String article(FieldType type) {
        String name = type.describeName();
        return ("aeiou".indexOf(name.charAt(0)) >= 0 ? "an " : "a ") + name;
    }

    /** Field types a property type may be mapped to (DIRECT or CONVERTED), for the admin UI. */
    public static Set<FieldType> compatibleTypes(PropertyType from) {
        Set<FieldType> out = EnumSet.noneOf(FieldType.class);
        for (FieldType t : FieldType.values()) {
            if (of(from, t) != Verdict.REJECTED) {
                out.add(t);
            }
        }
        return out;
    }

    /** The fields of an object a property type may be mapped to, in describe order: the admin UI's choices. */
    public static List<FieldMeta> mappableFields(PropertyType from, ObjectMeta object) {
        return object.fields().stream()
                .filter(f -> f.createable() || f.updateable())
                .filter(f -> of(from, f.type()) != Verdict.REJECTED)
                .toList();
    }
}
