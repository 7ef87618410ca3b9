package io.oncesync.server.oncehub;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

/**
 * Passes an admin asks for while the service runs: each runs on the service's one thread, after any pass under way,
 * so an admin's "check now" and the watcher never re-create the subscription twice at once.
 */
final class OnceHubPasses {
    /** One pass; may be refused by OnceHub. */
    interface Pass<T> {
        T run() throws OnceHubException;
    }

    private OnceHubPasses() {
    }

    static <T> T onThread(ExecutorService executor, Pass<T> pass) throws OnceHubException {
        try {
            return executor.submit(pass::run).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OnceHubException("interrupted while waiting for the OnceHub pass", e);
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("the OnceHub service is stopping", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof OnceHubException o) {
                throw o;
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(String.valueOf(e.getCause()), e.getCause());
        }
    }

    /** The account's booking calendars now, or why they could not be listed (never thrown: the watcher goes on). */
    static OnceHubService.KnownCalendars listCalendars(BookingCalendars source, Clock clock) {
        try {
            return new OnceHubService.KnownCalendars(clock.instant(), List.copyOf(source.list()), Optional.empty());
        } catch (OnceHubException | RuntimeException e) {
            return new OnceHubService.KnownCalendars(clock.instant(), List.of(), Optional.of(String.valueOf(e.getMessage())));
        }
    }
}
