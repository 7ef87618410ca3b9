package io.oncesync.engine.oncehub;

/**
 * The kind of a OnceHub property value, the row key of the type-compatibility matrix
 * ({@link io.oncesync.engine.settings.Compatibility}).
 */
public enum PropertyType {
    TEXT, EMAIL, PHONE, NUMBER, DATE, DATETIME, BOOLEAN,
    /** Several choices (a multi-select answer); written joined. */
    LIST
}
