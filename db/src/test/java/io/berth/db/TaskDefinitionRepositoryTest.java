package io.berth.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.db.model.TaskDefinitionEntity;
import io.berth.db.model.TaskDefinitionStatus;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;

class TaskDefinitionRepositoryTest extends DbTestSupport {

    @Test
    void latestRevisionQueries() {
        String family = unique("api");
        assertThat(taskDefinitions.findMaxRevision(family)).isZero();
        assertThat(taskDefinitions.findFirstByFamilyOrderByRevisionDesc(family)).isEmpty();

        for (int revision = 1; revision <= 3; revision++) {
            taskDefinitions.save(new TaskDefinitionEntity(family, revision, "{\"r\":" + revision + "}", "hash" + revision));
        }
        var third = taskDefinitions.findByFamilyAndRevision(family, 3).orElseThrow();
        third.setStatus(TaskDefinitionStatus.INACTIVE);
        taskDefinitions.save(third);

        assertThat(taskDefinitions.findMaxRevision(family)).isEqualTo(3);
        assertThat(taskDefinitions.findFirstByFamilyOrderByRevisionDesc(family).orElseThrow().getRevision()).isEqualTo(3);
        assertThat(taskDefinitions.findLatestActive(family).orElseThrow().getRevision()).isEqualTo(2);
        assertThat(taskDefinitions.findByFamilyOrderByRevisionAsc(family)).extracting(TaskDefinitionEntity::getRevision)
                .containsExactly(1, 2, 3);
        var byHash = taskDefinitions.findFirstByFamilyAndSpecHashOrderByRevisionDesc(family, "hash2").orElseThrow();
        assertThat(byHash.getRevision()).isEqualTo(2);
        assertThat(byHash.getSpec()).isEqualTo("{\"r\":2}");
        assertThat(byHash.getCreatedAt()).isNotNull();
        assertThat(taskDefinitions.findFamilies()).contains(family);
    }

    @Test
    void registeringAnExistingRevisionFailsInsteadOfOverwriting() {
        String family = unique("db");
        taskDefinitions.save(new TaskDefinitionEntity(family, 1, "{}", "a"));

        assertThatThrownBy(() -> taskDefinitions.saveAndFlush(new TaskDefinitionEntity(family, 1, "{\"other\":1}", "b")))
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThat(taskDefinitions.findByFamilyAndRevision(family, 1).orElseThrow().getSpecHash()).isEqualTo("a");
    }
}
