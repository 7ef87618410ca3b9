package io.oncesync.server.salesforce.connect;

/**
 * The token endpoint refused (an OAuth {@code error} such as {@code invalid_grant}) or could not be reached.
 * {@link #isTransient()} tells a retry may succeed (network, 5xx); otherwise the grant itself is bad.
 */
public final class OAuthException extends Exception {
    private final String error;
    private final int httpStatus;

    public OAuthException(String error, String description, int httpStatus, Throwable cause) {
        super(error + (description == null || description.isBlank() ? "" : ": " + description)
                + (httpStatus > 0 ? " (HTTP " + httpStatus + ")" : ""), cause);
        this.error = error;
        this.httpStatus = httpStatus;
    }

    /** The OAuth error code ({@code invalid_grant}, {@code invalid_client}, …) or {@code unreachable}. */
    public String error() {
        return error;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public boolean isTransient() {
        return error.equals("unreachable") || httpStatus >= 500 || httpStatus == 429;
    }
}
