package io.oncesync.server.inbox;

import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Who this running oncesync is: host, process id and a random part (a restarted process on the same host with a
 * reused pid is still a new instance). Recorded on every claim, so the claims of a dead instance can be found.
 */
public record InstanceId(String host, long pid, String random) {
    public InstanceId {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(random, "random");
    }

    public static InstanceId generate() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException | SecurityException e) {
            host = "unknown-host";
        }
        byte[] bytes = new byte[4];
        new SecureRandom().nextBytes(bytes);
        return new InstanceId(host, ProcessHandle.current().pid(), HexFormat.of().formatHex(bytes));
    }

    /** {@code host:pid:random}, as stored in the database. */
    public String id() {
        return host + ":" + pid + ":" + random;
    }

    @Override
    public String toString() {
        return id();
    }
}
