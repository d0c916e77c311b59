package io.berth.db.repository;

import org.springframework.data.domain.Limit;

import java.util.List;

import io.berth.db.model.ClusterEntity;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ClusterRepository extends JpaRepository<ClusterEntity, String> {

    /** Keyset pages by name: the first page, then the names after the previous page's last. */
    List<ClusterEntity> findAllByOrderByName(Limit limit);

    List<ClusterEntity> findByNameGreaterThanOrderByName(String name, Limit limit);

    /** DNS names compare without case. */
    boolean existsByNameIgnoreCase(String name);
}
