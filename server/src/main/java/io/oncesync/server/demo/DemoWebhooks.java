package io.oncesync.server.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The sample OnceHub webhooks bundled for the demo ({@code oncesync/demo/webhooks/*.json}), in sending order. */
public final class DemoWebhooks {
    static final String DIR = "oncesync/demo/webhooks/";

    /** One bundled webhook: its file name (which says what it shows) and exact body. */
    public record Sample(String name, byte[] body) {
        public String title() {
            return name.replaceFirst("^[0-9]+-", "").replaceFirst("\\.json$", "").replace('-', ' ');
        }
    }

    private DemoWebhooks() {
    }

    public static List<Sample> all() {
        List<Sample> out = new ArrayList<>();
        for (String line : new String(resource(DIR + "index.txt"), StandardCharsets.UTF_8).split("\n")) {
            String name = line.strip();
            if (!name.isEmpty()) {
                out.add(new Sample(name, resource(DIR + name)));
            }
        }
        return out;
    }

    static byte[] resource(String name) {
        try (InputStream in = DemoWebhooks.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the demo resource " + name + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }
}
