package io.berth.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.db.model.ContainerInstanceEntity;
import io.berth.db.model.InstanceStatus;
import io.berth.db.model.ServiceEntity;
import io.berth.db.model.ServiceStatus;
import io.berth.db.model.TaskDefinitionId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;

/** The context itself proves that Flyway ran and that Hibernate validated every mapping (ddl-auto=validate). */
class SchemaAndMappingTest extends DbTestSupport {

    @Autowired
    private Flyway flyway;

    @Autowired
    private org.springframework.jdbc.core.JdbcTemplate jdbc;

    @Test
    void flywayAppliedEveryMigration() {
        assertThat(flyway.info().applied()).extracting(m -> m.getVersion().getVersion()).contains("1", "2");
        assertThat(flyway.info().pending()).isEmpty();
    }

    @Test
    void theInstallationHasExactlyOneId() {
        assertThat(jdbc.queryForObject("select count(*) from installation", Integer.class)).isEqualTo(1);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> jdbc.update("insert into installation (id) values (gen_random_uuid())"))
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void clusterRoundTrip() {
        String name = newCluster();
        var loaded = clusters.findById(name).orElseThrow();
        assertThat(loaded.getCreatedAt()).isNotNull();
        assertThat(loaded.getVersion()).isZero();
    }

    @Test
    void containerInstanceRoundTripAndLookups() {
        String cluster = newCluster();
        Instant seen = Instant.now().truncatedTo(ChronoUnit.MICROS);
        var instance = new ContainerInstanceEntity(cluster, "tcp://198.18.0.2:2375", 2048, 4096);
        instance.setEngineId("ENGINE:1");
        instance.setHostname("host-a");
        instance.setConnected(true);
        instance.setLastSeen(seen);
        instance.setAttributes("{\"zone\":\"a\"}");
        instances.save(instance);
        var other = new ContainerInstanceEntity(cluster, "tcp://198.18.0.3:2375", 1024, 1024);
        other.setStatus(InstanceStatus.DRAINING);
        instances.save(other);

        var loaded = instances.findByClusterAndEndpoint(cluster, "tcp://198.18.0.2:2375").orElseThrow();
        assertThat(loaded).usingRecursiveComparison().isEqualTo(instance);
        assertThat(loaded.getRemainingCpu()).isEqualTo(2048);
        assertThat(loaded.getLastSeen()).isEqualTo(seen);
        assertThat(loaded.getStatus()).isEqualTo(InstanceStatus.ACTIVE);
        assertThat(instances.findByClusterOrderByCreatedAt(cluster)).extracting(ContainerInstanceEntity::getId)
                .containsExactly(instance.getId(), other.getId());
        assertThat(instances.findByClusterAndStatusOrderByCreatedAt(cluster, InstanceStatus.DRAINING))
                .extracting(ContainerInstanceEntity::getId).containsExactly(other.getId());

        // The same endpoint twice in a cluster is one host registered twice.
        assertThatThrownBy(() -> instances.saveAndFlush(new ContainerInstanceEntity(cluster, "tcp://198.18.0.2:2375", 1, 1)))
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void serviceRoundTripAndLookups() {
        String cluster = newCluster();
        TaskDefinitionId td = newTaskDefinition();
        var service = new ServiceEntity(cluster, "web", td.family(), td, 3, "{\"desiredCount\":3}");
        service.setLabels("{\"team\":\"x\"}");
        services.save(service);
        var draining = new ServiceEntity(cluster, "old", td.toString(), td, 0, "{}");
        draining.setStatus(ServiceStatus.DRAINING);
        services.save(draining);

        var loaded = services.findByClusterAndName(cluster, "web").orElseThrow();
        assertThat(loaded).usingRecursiveComparison().isEqualTo(service);
        assertThat(loaded.getTaskDefinition()).isEqualTo(td);
        assertThat(loaded.getGeneration()).isEqualTo(1);
        assertThat(loaded.getVersion()).isZero();
        assertThat(services.findByClusterOrderByName(cluster)).extracting(ServiceEntity::getName)
                .containsExactly("old", "web");
        assertThat(services.findAllToReconcile()).extracting(ServiceEntity::getId)
                .contains(service.getId(), draining.getId());
    }

    @Test
    void serviceNameIsUniqueWithinItsClusterOnly() {
        String cluster = newCluster();
        TaskDefinitionId td = newTaskDefinition();
        services.save(new ServiceEntity(cluster, "api", td.family(), td, 1, "{}"));

        assertThatThrownBy(() -> services.saveAndFlush(new ServiceEntity(cluster, "api", td.family(), td, 2, "{}")))
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("service_name_unique");
        services.save(new ServiceEntity(newCluster(), "api", td.family(), td, 1, "{}"));
    }

    @Test
    void serviceMustReferToAnExistingRevision() {
        var service = new ServiceEntity(newCluster(), "x", "nope", new TaskDefinitionId("nope", 1), 1, "{}");
        assertThatThrownBy(() -> services.saveAndFlush(service)).isInstanceOf(DataIntegrityViolationException.class);
    }
}
