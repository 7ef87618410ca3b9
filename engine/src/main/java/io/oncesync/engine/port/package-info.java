/** Interfaces the Salesforce gateway implements: candidate lookup, metadata, writing plans, the booking ledger. */
package io.oncesync.engine.port;
