/** Interfaces the Salesforce gateway implements (candidate lookup, metadata, the booking ledger) and what a write reports. */
package io.oncesync.engine.port;
