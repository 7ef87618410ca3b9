/**
 * The webhook front door: {@code POST /webhooks/oncehub} verifies the OnceHub signature over the exact body bytes,
 * checks the envelope, commits the event to the inbox and only then answers 2xx. Errors are RFC 9457 problem JSON.
 * {@code io.oncesync.server.app.OncesyncApp} mounts it beside the other routes.
 */
package io.oncesync.server.ingest;
