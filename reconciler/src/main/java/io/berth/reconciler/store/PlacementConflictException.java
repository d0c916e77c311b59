package io.berth.reconciler.store;

import java.util.UUID;

/**
 * Another pass (in this or another Berth process) placed tasks on an instance after this pass read its load:
 * nothing of this placement was stored; the pass is run again on fresh state.
 */
public final class PlacementConflictException extends RuntimeException {

    public PlacementConflictException(UUID instanceId) {
        super("container instance " + instanceId + " took other placements since its load was read");
    }
}
