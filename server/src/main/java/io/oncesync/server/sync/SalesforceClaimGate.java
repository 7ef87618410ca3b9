package io.oncesync.server.sync;

import io.oncesync.server.salesforce.SalesforceGateway;
import io.oncesync.server.work.ClaimGate;
import java.util.Objects;

/**
 * Adaptive batching on Salesforce's call slots: while batches are in flight, events collect in the inbox and the
 * next batch is claimed when a Salesforce call ends and a slot is free.
 */
public final class SalesforceClaimGate implements ClaimGate {
    private final SalesforceGateway gateway;

    public SalesforceClaimGate(SalesforceGateway gateway) {
        this.gateway = Objects.requireNonNull(gateway, "gateway");
    }

    @Override
    public boolean hasRoom() {
        return gateway.hasFreeCallSlot();
    }

    @Override
    public void onRoom(Runnable listener) {
        gateway.onCallSlotFreed(listener);
    }

    @Override
    public boolean collectsWhileBusy() {
        return true;
    }
}
