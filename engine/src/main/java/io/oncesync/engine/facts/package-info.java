/**
 * The facts the DRL policies see. Input facts are inserted by the rule book from the event, the org state, the
 * ledger and the settings; derived facts are inserted by rules and always carry the name of the rule that made
 * them ({@code rule}). Rules never modify a fact. Besides these records, {@link io.oncesync.engine.org.Candidate},
 * {@link io.oncesync.engine.org.LedgerEntry}, {@link io.oncesync.engine.settings.FieldMapping} and
 * {@link io.oncesync.engine.settings.Fallback} are inserted as they are.
 */
package io.oncesync.engine.facts;
