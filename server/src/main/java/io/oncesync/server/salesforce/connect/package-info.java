/**
 * Connecting an org: OAuth 2.0 (web-server flow with PKCE, client credentials; SOAP login() does not exist in API
 * 65.0), login hosts for production and sandbox, the System Administrator check, pending authorizations and the
 * connection store with its refresh token encrypted at rest.
 */
package io.oncesync.server.salesforce.connect;
