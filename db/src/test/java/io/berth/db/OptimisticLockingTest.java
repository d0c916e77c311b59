package io.berth.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.db.model.ServiceEntity;
import io.berth.db.model.TaskDefinitionId;
import io.berth.db.model.TaskEntity;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

class OptimisticLockingTest extends DbTestSupport {

    @Autowired
    private PlatformTransactionManager transactionManager;

    @Test
    void savingAStaleCopyFails() {
        TaskDefinitionId td = newTaskDefinition();
        var id = services.save(new ServiceEntity(newCluster(), "web", td.family(), td, 1, "{}")).getId();
        ServiceEntity first = services.findById(id).orElseThrow();
        ServiceEntity stale = services.findById(id).orElseThrow();

        first.setDesiredCount(3);
        services.save(first);
        stale.setDesiredCount(5);

        assertThatThrownBy(() -> services.save(stale)).isInstanceOf(OptimisticLockingFailureException.class);
        ServiceEntity loaded = services.findById(id).orElseThrow();
        assertThat(loaded.getDesiredCount()).isEqualTo(3);
        assertThat(loaded.getVersion()).isEqualTo(1);
    }

    @Test
    void aConcurrentCommitMakesTheManagedEntityStale() {
        TaskEntity task = tasks.save(new TaskEntity(newCluster(), newTaskDefinition(), 1, 1));
        var requiresNew = new TransactionTemplate(transactionManager);
        requiresNew.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);

        assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
            TaskEntity mine = tasks.findById(task.getId()).orElseThrow();
            // Someone else (say, the API stopping the task) commits first.
            requiresNew.executeWithoutResult(s -> tasks.findById(task.getId()).orElseThrow().setStopCode("UserInitiated"));
            mine.setStopCode("EssentialContainerExited");
        })).isInstanceOf(OptimisticLockingFailureException.class);
        assertThat(tasks.findById(task.getId()).orElseThrow().getStopCode()).isEqualTo("UserInitiated");
    }
}
