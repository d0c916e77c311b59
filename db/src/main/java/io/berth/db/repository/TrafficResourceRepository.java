package io.berth.db.repository;

import io.berth.db.model.TrafficKind;
import io.berth.db.model.TrafficResourceEntity;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

public interface TrafficResourceRepository extends JpaRepository<TrafficResourceEntity, UUID> {

    Optional<TrafficResourceEntity> findByClusterAndKindAndName(String cluster, TrafficKind kind, String name);

    /** One page by name: those after {@code after} ("" for the first page). */
    List<TrafficResourceEntity> findByClusterAndKindAndNameGreaterThanOrderByName(String cluster, TrafficKind kind,
                                                                                  String after, Limit limit);

    List<TrafficResourceEntity> findByClusterAndKind(String cluster, TrafficKind kind);
}
