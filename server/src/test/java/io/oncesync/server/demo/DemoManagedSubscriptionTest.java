package io.oncesync.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.oncesync.server.app.OnceHubHarness;
import io.oncesync.server.oncehub.OnceHubService;
import io.oncesync.server.oncehub.Subscription;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The demo on a fixed port")
class DemoManagedSubscriptionTest {

    @Test
    @DisplayName("manages its OnceHub subscription from its public URL, as serve does, so the console's Check now works")
    void managesTheSubscription() throws Exception {
        int port = OnceHubHarness.freePort();
        try (Demo demo = Demo.start(new Demo.Settings("127.0.0.1", port, 0), List.of())) {
            assertThat(demo.app().config().oncehub().publicUrl()).isEqualTo("http://127.0.0.1:" + port);
            assertThat(demo.sendSamples().ok()).isTrue();
            OnceHubService service = demo.app().oncehub().orElseThrow();
            Subscription.Health now = service.watchNow().found();
            assertThat(now.ok()).as(now.detail()).isTrue();
            assertThat(now.webhook().orElseThrow().url()).isEqualTo("http://127.0.0.1:" + port + "/webhooks/oncehub");
        }
    }
}
