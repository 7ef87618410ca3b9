package io.oncesync.server.work;

/**
 * Whether the next batch could start its work now. The dispatcher claims only while the gate has room, so during a
 * burst events keep collecting in the inbox while the downstream (Salesforce's call slots) is busy, and the next
 * claim takes them as one larger batch as soon as room frees up; a trickle finds the gate open and is claimed at once.
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
    };

    boolean hasRoom();

    /** {@code listener} is run (quickly, on any thread) whenever room may have freed up. */
    void onRoom(Runnable listener);
}
