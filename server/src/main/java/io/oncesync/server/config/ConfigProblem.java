package io.oncesync.server.config;

/** One thing wrong with the configuration: which key, where it came from, and why. */
public record ConfigProblem(ConfigKey key, String source, String reason) {
    @Override
    public String toString() {
        return key.envName() + " (" + source + "): " + reason;
    }
}
