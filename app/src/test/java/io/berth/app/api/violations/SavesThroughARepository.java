package io.berth.app.api.violations;

import io.berth.db.model.ServiceEventEntity;
import io.berth.db.repository.ContainerInstanceRepository;
import io.berth.db.repository.ServiceEventRepository;

import java.util.UUID;

/** Writes an event and moves a placement version straight through repositories: what the API must not do. */
public final class SavesThroughARepository {

    private SavesThroughARepository() {
    }

    static void write(ServiceEventRepository events, ContainerInstanceRepository instances, UUID id) {
        events.save(new ServiceEventEntity(id, "written around the write path"));
        instances.invalidatePlacements(id);
    }
}
