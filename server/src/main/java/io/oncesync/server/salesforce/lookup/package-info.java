/**
 * Finding the people a batch of bookings is about: one batched query by email (case-insensitive, exact) and
 * phone, the engine's candidate-lookup port, and the follow-up that turns converted Leads into their Contacts; and the
 * meeting an earlier, unrecorded try of a booking made, found by its booking stamp (the engine's earlier-meetings port).
 */
package io.oncesync.server.salesforce.lookup;
