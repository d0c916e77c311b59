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

    private final EnvRedaction redaction;

    public TaskDefinitionViews(TaskDefinitionRepository taskDefinitions, SpecJson specJson, EnvRedaction redaction) {
        this.redaction = redaction;
        this.taskDefinitions = taskDefinitions;
        this.specJson = specJson;
    }

    /** The newest revision of every family, by family, a page at a time. */
    Page<TaskDefinitionFamilyView> families(PageRequest request) {
        String after = request.afterName();
        List<TaskDefinitionEntity> rows = after == null ? taskDefinitions.findLatestOfEachFamily(request.probe())
                : taskDefinitions.findLatestOfEachFamilyAfter(after, request.probe());
        return Page.of(rows, request.limit(), t -> new TaskDefinitionFamilyView(t.getFamily(), t.getRevision(),
                t.getStatus().name(), t.getCreatedAt()), t -> ContinueToken.encodeName(t.getFamily()));
    }

    /**
     * A family's revisions, oldest first, a page at a time: the body is the family with the page's revisions; the
     * token of the next page is the page's.
     */
    Page<TaskDefinitionRevisionsView> revisions(String family, PageRequest request) {
        Integer after = request.afterNumber();
        List<TaskDefinitionEntity> rows = after == null ? taskDefinitions.findByFamilyOrderByRevisionAsc(family, request.probe())
                : taskDefinitions.findByFamilyAndRevisionGreaterThanOrderByRevisionAsc(family, after, request.probe());
        if (rows.isEmpty() && (after == null || !taskDefinitions.existsByFamily(family))) {
            throw ApiErrors.notFound("task definition family \"" + family + "\" not found");
        }
        Page<TaskDefinitionRevisionView> page = Page.of(rows, request.limit(),
                t -> new TaskDefinitionRevisionView(t.getRevision(), t.getStatus().name(), t.getCreatedAt()),
                t -> ContinueToken.encodeNumber(t.getRevision()));
        return new Page<>(List.of(new TaskDefinitionRevisionsView(family, page.items())), page.next());
    }

    /**
     * A family's newest {@code limit} revisions, oldest of them first, and whether older ones were left out: what a
     * page that shows one screenful wants (the API's pages go oldest first, so its first page would hide the newest).
     */
    public Page<TaskDefinitionRevisionView> newestRevisions(String family, int limit) {
        List<TaskDefinitionEntity> rows = taskDefinitions.findByFamilyOrderByRevisionDesc(family,
                org.springframework.data.domain.Limit.of(limit + 1));
        if (rows.isEmpty()) {
            throw ApiErrors.notFound("task definition family \"" + family + "\" not found");
        }
        List<TaskDefinitionRevisionView> newest = new java.util.ArrayList<>(rows.stream().limit(limit)
                .map(t -> new TaskDefinitionRevisionView(t.getRevision(), t.getStatus().name(), t.getCreatedAt()))
                .toList());
        java.util.Collections.reverse(newest);
        return new Page<>(newest, rows.size() > limit ? "older" : null);
    }

    public TaskDefinitionView revision(String family, int revision) {
        TaskDefinitionEntity t = taskDefinitions.findByFamilyAndRevision(family, revision)
                .orElseThrow(() -> ApiErrors.notFound("task definition " + family + ":" + revision + " not found"));
        return new TaskDefinitionView(t.getFamily(), t.getRevision(), t.getStatus().name(), t.getCreatedAt(),
                TaskDefinitionSpecRenderer.render(specJson.fromJson(t.getSpec()), redaction));
    }
}
