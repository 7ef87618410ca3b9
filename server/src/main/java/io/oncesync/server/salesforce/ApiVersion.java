package io.oncesync.server.salesforce;

/** The one Partner API version oncesync speaks, the version of {@code force-partner-api}. */
public final class ApiVersion {
    public static final String VALUE = "65.0";

    private ApiVersion() {
    }
}
