/** The oncesync service: CLI, HTTP ingestion, inbox, workers and the Salesforce adapter. */
package io.oncesync.server;
