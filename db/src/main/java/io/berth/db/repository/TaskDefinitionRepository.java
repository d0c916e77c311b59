package io.berth.db.repository;

import io.berth.db.model.TaskDefinitionEntity;
import io.berth.db.model.TaskDefinitionId;
import io.berth.db.model.TaskDefinitionStatus;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

/**
 * Revisions are immutable. To register a new one, insert revision {@link #findMaxRevision} + 1; two
 * concurrent registrations of a family then collide on the primary key and the loser retries.
 */
public interface TaskDefinitionRepository extends JpaRepository<TaskDefinitionEntity, TaskDefinitionId> {

    List<TaskDefinitionEntity> findByFamilyOrderByRevisionAsc(String family);

    Optional<TaskDefinitionEntity> findByFamilyAndRevision(String family, int revision);

    Optional<TaskDefinitionEntity> findFirstByFamilyOrderByRevisionDesc(String family);

    Optional<TaskDefinitionEntity> findFirstByFamilyAndStatusOrderByRevisionDesc(String family,
            TaskDefinitionStatus status);

    /** What a service's "family" ref (without ":N") resolves to. */
    default Optional<TaskDefinitionEntity> findLatestActive(String family) {
        return findFirstByFamilyAndStatusOrderByRevisionDesc(family, TaskDefinitionStatus.ACTIVE);
    }

    /** The newest revision with this spec, so that registering an unchanged spec creates nothing. */
    Optional<TaskDefinitionEntity> findFirstByFamilyAndSpecHashOrderByRevisionDesc(String family, String specHash);

    /** 0 when the family has no revision yet. */
    @Query("select coalesce(max(t.revision), 0) from TaskDefinitionEntity t where t.family = :family")
    int findMaxRevision(String family);

    @Query("select distinct t.family from TaskDefinitionEntity t order by t.family")
    List<String> findFamilies();

    /** The newest revision of every family, by family: the task definition list in one query. */
    @Query("select t from TaskDefinitionEntity t where t.revision ="
            + " (select max(u.revision) from TaskDefinitionEntity u where u.family = t.family) order by t.family")
    List<TaskDefinitionEntity> findLatestOfEachFamily();

    /** Keyset pages of {@link #findLatestOfEachFamily}: the families after the previous page's last. */
    @Query("select t from TaskDefinitionEntity t where t.revision ="
            + " (select max(u.revision) from TaskDefinitionEntity u where u.family = t.family) order by t.family")
    List<TaskDefinitionEntity> findLatestOfEachFamily(Limit limit);

    @Query("select t from TaskDefinitionEntity t where t.family > :family and t.revision ="
            + " (select max(u.revision) from TaskDefinitionEntity u where u.family = t.family) order by t.family")
    List<TaskDefinitionEntity> findLatestOfEachFamilyAfter(String family, Limit limit);

    /** Keyset pages of a family's revisions, oldest first. */
    List<TaskDefinitionEntity> findByFamilyOrderByRevisionAsc(String family, Limit limit);

    List<TaskDefinitionEntity> findByFamilyOrderByRevisionDesc(String family, Limit limit);

    List<TaskDefinitionEntity> findByFamilyAndRevisionGreaterThanOrderByRevisionAsc(String family, int revision, Limit limit);

    boolean existsByFamily(String family);
}
