/**
 * What every HTTP route shares: the RFC 9457 {@link io.oncesync.server.http.Problem} document that every refusal is
 * written as, and {@link io.oncesync.server.http.ApiProblem} for refusing from blocking work.
 */
package io.oncesync.server.http;
