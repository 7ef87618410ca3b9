package io.oncesync.server.ingest;

/** Turns a verified webhook body into an event to store or a named fault. Must be cheap: it runs on the event loop. */
@FunctionalInterface
public interface EventTriage {
    Triage triage(byte[] body);
}
