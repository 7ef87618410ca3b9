package io.oncesync.server.cli;

import java.util.concurrent.CountDownLatch;

/** Blocks a foreground command (local-org, local-oncehub) until the JVM is asked to stop (Ctrl-C). */
final class UntilShutdown {
    private UntilShutdown() {
    }

    static void await() {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
