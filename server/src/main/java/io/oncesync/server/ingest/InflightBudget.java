package io.oncesync.server.ingest;

import java.util.concurrent.atomic.AtomicLong;

/** Bytes of request bodies buffered right now, across every event loop, against a fixed allowance. Thread-safe. */
public final class InflightBudget {
    private final long limit;
    private final AtomicLong used = new AtomicLong();

    public InflightBudget(long limit) {
        this.limit = limit;
    }

    /** Takes {@code n} bytes if they fit; false (and nothing taken) otherwise. */
    public boolean tryReserve(long n) {
        while (true) {
            long now = used.get();
            if (now + n > limit) {
                return false;
            }
            if (used.compareAndSet(now, now + n)) {
                return true;
            }
        }
    }

    public void release(long n) {
        used.addAndGet(-n);
    }

    public long used() {
        return used.get();
    }

    public long limit() {
        return limit;
    }
}
