package io.berth.app.api;

import io.berth.app.api.dto.TaskView;
import io.berth.reconciler.model.Task;
import io.berth.reconciler.model.TaskContainer;
import io.berth.reconciler.model.TaskStatus;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.CannotCreateTransactionException;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** run-task's tasks are committed before they are read back: a failed read still answers them. */
class AcceptedTasksTest {

    private static final Instant CREATED = Instant.parse("2026-12-07T10:54:40.123456789Z");

    private static Task written(UUID id) {
        return new Task(id, "default", null, null, "job", 3, UUID.randomUUID(), TaskStatus.RUNNING,
                TaskStatus.PROVISIONING, null, null, 8, 8, List.of(TaskContainer.pending("main")), CREATED, null, null);
    }

    @Test
    void theTasksAreReadBackWhenTheDatabaseAnswers() {
        Task a = written(UUID.randomUUID());
        TaskView described = AcceptedTasks.asWritten(a, "ci", null);
        List<TaskView> views = AcceptedTasks.views(List.of(a), "ci", null, id -> new TaskView(id, "default", null,
                "job:3", a.instanceId(), "RUNNING", "PENDING", null, null, CREATED, null, null, null, List.of(), "ci",
                null, "UNKNOWN", null, null));
        assertThat(views).singleElement().satisfies(v -> {
            assertThat(v.lastStatus()).as("the loop's progress, as read").isEqualTo("PENDING");
            assertThat(v).isNotEqualTo(described);
        });
    }

    @Test
    void aReadThatFailsAfterTheCommitAnswersEveryTaskAsWritten() {
        Task a = written(UUID.randomUUID());
        Task b = written(UUID.randomUUID());
        List<TaskView> views = AcceptedTasks.views(List.of(a, b), "ci", "nightly", id -> {
            if (id.equals(b.id())) {
                throw new CannotCreateTransactionException("Could not open JPA EntityManager for transaction");
            }
            return AcceptedTasks.asWritten(a, "ci", "nightly");
        });
        assertThat(views).extracting(TaskView::id).containsExactly(a.id(), b.id());
        TaskView v = views.get(1);
        assertThat(v.lastStatus()).isEqualTo("PROVISIONING");
        assertThat(v.desiredStatus()).isEqualTo("RUNNING");
        assertThat(v.taskDefinition()).isEqualTo("job:3");
        assertThat(v.containerInstanceId()).isEqualTo(b.instanceId());
        assertThat(v.startedBy()).isEqualTo("ci");
        assertThat(v.group()).isEqualTo("nightly");
        assertThat(v.createdAt()).as("as PostgreSQL keeps it").isEqualTo(Instant.parse("2026-12-07T10:54:40.123456Z"));
        assertThat(v.containers()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("main");
            assertThat(c.lastStatus()).isEqualTo("PENDING");
            assertThat(c.dockerId()).isNull();
        });
    }
}
