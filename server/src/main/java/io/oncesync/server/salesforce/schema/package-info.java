/**
 * What the org looks like: describe results as an immutable schema snapshot with a cache, converted to the
 * engine's metadata, and the describe-driven, type-compatible mapping options the console and the admin API offer.
 */
package io.oncesync.server.salesforce.schema;
