package io.berth.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.db.model.ServiceEntity;
import io.berth.db.model.ServiceEventEntity;
import io.berth.db.model.TaskDefinitionId;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ServiceEventRepositoryTest extends DbTestSupport {

    @Test
    void latestEventsNewestFirstAndTrimming() {
        TaskDefinitionId td = newTaskDefinition();
        UUID serviceId = services.save(new ServiceEntity(newCluster(), "web", td.family(), td, 1, "{}")).getId();
        UUID otherServiceId = services.save(new ServiceEntity(newCluster(), "web", td.family(), td, 1, "{}")).getId();
        for (int i = 1; i <= 5; i++) {
            events.save(new ServiceEventEntity(serviceId, "event " + i));
        }
        events.save(new ServiceEventEntity(otherServiceId, "other"));

        assertThat(events.findLatest(serviceId, 3)).extracting(ServiceEventEntity::getMessage)
                .containsExactly("event 5", "event 4", "event 3");

        assertThat(events.deleteAllButNewest(serviceId, 10)).isZero();
        assertThat(events.deleteAllButNewest(serviceId, 2)).isEqualTo(3);
        assertThat(events.deleteAllButNewest(serviceId, 2)).isZero();
        assertThat(events.findLatest(serviceId, 10)).extracting(ServiceEventEntity::getMessage)
                .containsExactly("event 5", "event 4");
        assertThat(events.findLatest(otherServiceId, 10)).hasSize(1);

        assertThat(events.deleteAllButNewest(serviceId, 0)).isEqualTo(2);
        assertThat(events.findLatest(serviceId, 10)).isEmpty();
    }
}
