/**
 * The durable inbox: every accepted OnceHub event, its raw body, its processing state and the booking ledger,
 * in SQLite (default, one instance) or PostgreSQL (several instances on one database).
 *
 * <p>Start with {@link io.oncesync.server.inbox.InboxDatabase}; it migrates the schema (Flyway) and hands out the
 * {@link io.oncesync.server.inbox.InboxStore} and the booking ledger ({@link io.oncesync.engine.port.BookingLedger}).
 */
package io.oncesync.server.inbox;
