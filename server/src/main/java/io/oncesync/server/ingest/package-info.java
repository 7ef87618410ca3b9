/**
 * The webhook front door: {@code POST /webhooks/oncehub} verifies the OnceHub signature over the exact body bytes,
 * checks the envelope, commits the event to the inbox and only then answers 2xx. Errors are RFC 9457 problem JSON.
 * {@link io.oncesync.server.ingest.IngestServer} wires HTTP, inbox and workers together.
 */
package io.oncesync.server.ingest;
