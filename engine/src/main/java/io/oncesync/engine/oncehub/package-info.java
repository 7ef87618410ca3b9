/** OnceHub webhook input: raw bytes to a typed event (WebhookParser, ParseResult), guest identity keys. */
package io.oncesync.engine.oncehub;
