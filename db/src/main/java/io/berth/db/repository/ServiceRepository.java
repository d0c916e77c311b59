package io.berth.db.repository;

import io.berth.db.model.ServiceEntity;
import io.berth.db.model.ServiceStatus;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ServiceRepository extends JpaRepository<ServiceEntity, UUID> {

    List<ServiceEntity> findByClusterOrderByName(String cluster);

    /** Keyset pages of a cluster's services by name (unique in the cluster): the first, and those after a name. */
    List<ServiceEntity> findByClusterOrderByName(String cluster, Limit limit);

    List<ServiceEntity> findByClusterAndNameGreaterThanOrderByName(String cluster, String name, Limit limit);

    /** Unique (constraint service_name_unique). */
    Optional<ServiceEntity> findByClusterAndName(String cluster, String name);

    /** Services whose stored spec contains {@code fragment} (auto scaled ones: {@code "autoScaling"}), by id. */
    List<ServiceEntity> findByStatusAndSpecContainingOrderById(ServiceStatus status, String fragment, Limit limit);

    /** For DNS names, which compare without case; at most a few (names differ only in case). */
    List<ServiceEntity> findByClusterIgnoreCaseAndNameIgnoreCase(String cluster, String name);

    List<ServiceEntity> findByStatusIn(Collection<ServiceStatus> statuses);

    /** Every service the reconciler must look after on a full resync: ACTIVE and DRAINING. */
    default List<ServiceEntity> findAllToReconcile() {
        return findByStatusIn(EnumSet.of(ServiceStatus.ACTIVE, ServiceStatus.DRAINING));
    }

    /** For the cluster list's activeServices. */
    long countByClusterAndStatus(String cluster, ServiceStatus status);

    long countByStatus(ServiceStatus status);
}
