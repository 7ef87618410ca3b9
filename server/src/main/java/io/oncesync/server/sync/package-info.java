/**
 * The sync pipeline: one claimed batch decided through the engine's one decision path
 * ({@link io.oncesync.engine.sync.BatchDecider}), written in one batched run, recorded in the booking ledger and
 * settled ({@link io.oncesync.server.sync.SyncPipeline}, its {@code Outcomes} and the stored {@code TraceJson}); the
 * inbox as the workers see it, metered ({@link io.oncesync.server.sync.MeteredInbox}); and claiming on Salesforce's
 * free call slots ({@link io.oncesync.server.sync.SalesforceClaimGate}).
 */
package io.oncesync.server.sync;
