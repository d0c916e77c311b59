package io.berth.db.repository;

import io.berth.db.model.ClusterEntity;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ClusterRepository extends JpaRepository<ClusterEntity, String> {
}
