package io.berth.db.repository;

import io.berth.db.model.ContainerInstanceEntity;
import io.berth.db.model.InstanceStatus;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ContainerInstanceRepository extends JpaRepository<ContainerInstanceEntity, UUID> {

    List<ContainerInstanceEntity> findByClusterOrderByCreatedAt(String cluster);

    List<ContainerInstanceEntity> findByClusterAndStatusOrderByCreatedAt(String cluster, InstanceStatus status);

    /** Unique (constraint container_instance_endpoint_unique): registering a host twice finds it. */
    Optional<ContainerInstanceEntity> findByClusterAndEndpoint(String cluster, String endpoint);

    /** For the cluster list's registeredInstances: ACTIVE and DRAINING count, INACTIVE (deregistered) does not. */
    long countByClusterAndStatusNot(String cluster, InstanceStatus status);
}
