package io.oncesync.server.inbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One file an audited change carried (an uploaded DRL or settings.yaml): its text and SHA-256, and the text and
 * SHA-256 of the version it replaced ({@code null} when the file was new).
 */
public record AuditFile(String file, String sha256, String content, String previousSha256, String previousContent) {
    public AuditFile {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(content, "content");
    }

    /** The record of {@code content} replacing {@code previous} (null when new), hashes computed over UTF-8. */
    public static AuditFile of(String file, String content, String previous) {
        return new AuditFile(file, sha256(content), content, previous == null ? null : sha256(previous), previous);
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    @Override
    public String toString() {
        return file + " sha256:" + sha256 + (previousSha256 == null ? " (new)" : " (was sha256:" + previousSha256 + ")");
    }
}
