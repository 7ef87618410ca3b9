package io.oncesync.server.oncehub;

/**
 * OnceHub's API refused a call, or could not be reached. {@code status} is the HTTP status (0 = no answer);
 * {@code type} and {@code param} come from OnceHub's error body when it has them. The API key is never part of it.
 */
public final class OnceHubException extends Exception {
    private final int status;
    private final String type;
    private final String param;

    public OnceHubException(int status, String type, String param, String message) {
        super(message);
        this.status = status;
        this.type = type;
        this.param = param;
    }

    public OnceHubException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
        this.type = null;
        this.param = null;
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String param() {
        return param;
    }

    /** Worth trying again later: no answer, 429 or 5xx after the client's own retries. */
    public boolean transientFailure() {
        return status == 0 || status == 429 || status >= 500;
    }
}
