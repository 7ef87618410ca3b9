/**
 * Writing plans to the org: records created and updated in batches of at most 200, ids resolved between dependent
 * writes, one classifier for every per-record Salesforce result, and the booking ledger that remembers which
 * record each booking became.
 */
package io.oncesync.server.salesforce.write;
