/**
 * What every HTTP route shares: the RFC 9457 {@link io.oncesync.server.http.Problem} document that every refusal is
 * written as, {@link io.oncesync.server.http.ApiProblem} for refusing from blocking work, and the
 * {@link io.oncesync.server.http.SecurityHeaders} on every answer.
 */
package io.oncesync.server.http;
