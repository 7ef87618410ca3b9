/** The Salesforce org as the engine sees it: candidates, field metadata, ledger entries, lookup requests. */
package io.oncesync.engine.org;
