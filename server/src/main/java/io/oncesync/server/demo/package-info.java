/**
 * {@code oncesync demo}: a local org and a local OnceHub in process, the full server beside them, the bundled sample
 * webhooks sent signed ({@link io.oncesync.server.demo.Demo}, {@code DemoOnceHub}, {@code DemoWebhooks},
 * {@link io.oncesync.server.demo.WebhookClient}) and the closing report ({@code DemoReport}).
 */
package io.oncesync.server.demo;
