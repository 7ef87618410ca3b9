package io.oncesync.server.salesforce;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs independent Salesforce calls side by side: the first on the calling thread, the others on a shared pool of
 * daemon threads. How many really reach Salesforce at once is bounded by the client's call slots, not here. Every
 * call is waited for, so a caller always learns what each one did, including the ones that succeeded next to one
 * that failed.
 */
public final class ParallelCalls {
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "oncesync-sf-call-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    /** One call's work. */
    @FunctionalInterface
    public interface Work<T> {
        T run() throws SalesforceUnavailable;
    }

    /** A call's result or its call-level failure. */
    public record Result<T>(T value, SalesforceUnavailable failure) {
        public boolean ok() {
            return failure == null;
        }
    }

    private ParallelCalls() {
    }

    public static <T> List<Result<T>> run(List<Work<T>> work) {
        List<Future<Result<T>>> others = new ArrayList<>();
        for (int i = 1; i < work.size(); i++) {
            Work<T> w = work.get(i);
            others.add(POOL.submit(() -> attempt(w)));
        }
        List<Result<T>> results = new ArrayList<>();
        if (!work.isEmpty()) {
            results.add(attempt(work.get(0)));
        }
        for (Future<Result<T>> f : others) {
            results.add(join(f));
        }
        return results;
    }

    /** All values in order, or the first failure once every call has ended. */
    public static <T> List<T> all(List<Work<T>> work) throws SalesforceUnavailable {
        List<T> values = new ArrayList<>();
        for (Result<T> r : run(work)) {
            if (!r.ok()) {
                throw r.failure();
            }
            values.add(r.value());
        }
        return values;
    }

    private static <T> Result<T> attempt(Work<T> w) {
        try {
            return new Result<>(w.run(), null);
        } catch (SalesforceUnavailable e) {
            return new Result<>(null, e);
        }
    }

    private static <T> Result<T> join(Future<Result<T>> f) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return f.get();
                } catch (InterruptedException e) {
                    // The call is already on its way to Salesforce: wait for its answer, so nothing goes unrecorded.
                    interrupted = true;
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException re) {
                        throw re;
                    }
                    if (cause instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException(cause);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
