package io.berth.app.api;

import io.berth.app.api.dto.TaskDefinitionFamilyView;
import io.berth.app.api.dto.TaskDefinitionRevisionView;
import io.berth.app.api.dto.TaskDefinitionRevisionsView;
import io.berth.app.api.dto.TaskDefinitionView;
import io.berth.db.model.TaskDefinitionEntity;
import io.berth.db.repository.TaskDefinitionRepository;
import io.berth.reconciler.store.SpecJson;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;

/** Read views of task definition families and revisions. */
@Service
@Transactional(readOnly = true)
public class TaskDefinitionViews {

    private final TaskDefinitionRepository taskDefinitions;
    private final SpecJson specJson;

    public TaskDefinitionViews(TaskDefinitionRepository taskDefinitions, SpecJson specJson) {
        this.taskDefinitions = taskDefinitions;
        this.specJson = specJson;
    }

    public List<TaskDefinitionFamilyView> families() {
        return taskDefinitions.findLatestOfEachFamily().stream()
                .map(t -> new TaskDefinitionFamilyView(t.getFamily(), t.getRevision(), t.getStatus().name(),
                        t.getCreatedAt()))
                .toList();
    }

    public TaskDefinitionRevisionsView revisions(String family) {
        List<TaskDefinitionRevisionView> revisions = taskDefinitions.findByFamilyOrderByRevisionAsc(family).stream()
                .map(t -> new TaskDefinitionRevisionView(t.getRevision(), t.getStatus().name(), t.getCreatedAt()))
                .toList();
        if (revisions.isEmpty()) {
            throw ApiErrors.notFound("task definition family \"" + family + "\" not found");
        }
        return new TaskDefinitionRevisionsView(family, revisions);
    }

    public TaskDefinitionView revision(String family, int revision) {
        TaskDefinitionEntity t = taskDefinitions.findByFamilyAndRevision(family, revision)
                .orElseThrow(() -> ApiErrors.notFound("task definition " + family + ":" + revision + " not found"));
        return new TaskDefinitionView(t.getFamily(), t.getRevision(), t.getStatus().name(), t.getCreatedAt(),
                TaskDefinitionSpecRenderer.render(specJson.fromJson(t.getSpec())));
    }
}
