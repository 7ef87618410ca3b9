package io.oncesync.server.ingest;

import java.time.Instant;

/** The result of checking an {@code Oncehub-Signature} header. */
public sealed interface Verdict {

    /** The body was signed by one of our secrets at {@code signedAt}, within the tolerance. */
    record Valid(Instant signedAt) implements Verdict {
    }

    /** Not acceptable; {@code reason} says why, and never contains a secret or the expected signature. */
    record Rejected(String reason) implements Verdict {
    }
}
