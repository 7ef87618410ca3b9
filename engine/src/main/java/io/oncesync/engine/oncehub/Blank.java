package io.oncesync.engine.oncehub;

/** OnceHub mixes {@code null} and {@code ""} for "absent"; this folds both (and white space) into null. */
final class Blank {
    private Blank() {
    }

    static String toNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
