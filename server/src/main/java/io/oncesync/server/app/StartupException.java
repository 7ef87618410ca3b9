package io.oncesync.server.app;

/** {@link OncesyncApp#start} failed; the message says what to fix. */
public final class StartupException extends Exception {
    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
