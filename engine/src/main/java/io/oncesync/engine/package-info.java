/** OnceHub payloads as facts, the rule book, plans and the ports the server implements. */
package io.oncesync.engine;
