/**
 * Workers: claim due events from the inbox in batches, hand them to an {@link io.oncesync.server.work.EventProcessor},
 * and record each {@link io.oncesync.server.work.Outcome} (applied, ignored, retry with backoff, dead letter, or
 * pause the whole pipeline).
 */
package io.oncesync.server.work;
