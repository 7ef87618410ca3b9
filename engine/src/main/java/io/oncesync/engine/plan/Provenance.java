package io.oncesync.engine.plan;

/** Where a field value in the plan came from, or why an existing value was left alone. */
public enum Provenance {
    /** From a OnceHub property through a mapping row. */
    MAPPING,
    /** A constant written in a mapping row. */
    CONSTANT,
    /** The admin's fallback for a required field nothing else filled. */
    FALLBACK,
    /** The meetings policy linking the meeting to the guest (WhoId, ContactId, Supplied*). */
    LINK,
    /** The meetings policy reacting to the booking's lifecycle (cancel, no-show); overrides a mapped value. */
    LIFECYCLE,
    /**
     * The meetings policy stamping the booking id on a meeting's Description ({@link BookingStamp}), appended to
     * whatever else decided the field; overrides every other value, so no mapping can drop it.
     */
    STAMP,
    /** Not written: Overwrite is off and Salesforce already holds a value. */
    KEPT_OVERWRITE_OFF,
    /** Not written: OnceHub sent nothing, and an empty value never blanks Salesforce data. */
    KEPT_EMPTY_INCOMING,
    /** Not written: Salesforce already holds exactly this value, so writing it would change nothing. */
    KEPT_ALREADY_EQUAL,
    /** Not written: Overwrite is off and the record's current values were not looked up. */
    KEPT_CURRENT_UNKNOWN;

    /** True when the value is written; false for the KEPT_* kinds. */
    public boolean writes() {
        return !name().startsWith("KEPT_");
    }

    /** How strongly a value wins over other values for the same field: 2 for STAMP, 1 for LIFECYCLE, else 0. */
    public int precedence() {
        return this == STAMP ? 2 : this == LIFECYCLE ? 1 : 0;
    }
}
