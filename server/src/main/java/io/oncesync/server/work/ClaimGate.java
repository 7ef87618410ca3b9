package io.oncesync.server.work;

/**
 * Adaptive batching: when the next batch may be claimed. With no batch in flight every new admission is claimed at
 * once (a trickle gets the lowest latency). While batches are in flight, a gate that {@link #collectsWhileBusy()}
 * makes the dispatcher ignore admissions and claim only when the downstream signals ({@link #onRoom}: a Salesforce
 * call ended) and {@link #hasRoom()} — so in a burst events collect in the inbox while calls are in flight and the
 * next claim takes them as one larger batch, and the inbox is not scanned for claimable events on every admission.
 */
public interface ClaimGate {
    /** A gate that is always open. */
    ClaimGate OPEN = new ClaimGate() {
        @Override
        public boolean hasRoom() {
            return true;
        }

        @Override
        public void onRoom(Runnable listener) {
        }

        @Override
        public boolean collectsWhileBusy() {
            return false;
        }
    };

    boolean hasRoom();

    /** {@code listener} is run (quickly, on any thread) whenever room may have freed up. */
    void onRoom(Runnable listener);

    /** Whether admissions wait for the next {@link #onRoom} signal while a batch is in flight. */
    boolean collectsWhileBusy();
}
