package io.berth.db.repository;

import io.berth.db.model.SecretEntity;
import io.berth.db.model.SecretId;
import io.berth.db.model.SecretKind;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.util.List;
import java.util.Optional;

public interface SecretRepository extends JpaRepository<SecretEntity, SecretId> {

    Optional<SecretEntity> findByKindAndName(SecretKind kind, String name);

    /** Keyset pages by name: the first page, then the names after the previous page's last. */
    List<SecretEntity> findByKindOrderByName(SecretKind kind, Limit limit);

    List<SecretEntity> findByKindAndNameGreaterThanOrderByName(SecretKind kind, String name, Limit limit);

    /** Every secret or config of a kind; for key rotation, which must reach them all. */
    List<SecretEntity> findByKind(SecretKind kind);

    /**
     * The task definition revisions in use, as "family:revision": the revision of every service and of every task
     * that has not stopped. What deleting a secret must check; bounded by the revisions that exist.
     */
    @Query(value = """
            select task_family || ':' || task_revision from service
            union
            select task_family || ':' || task_revision from task where last_status <> 'STOPPED'
            """, nativeQuery = true)
    List<String> findTaskDefinitionsInUse();
}
