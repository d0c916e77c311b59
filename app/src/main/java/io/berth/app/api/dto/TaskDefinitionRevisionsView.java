package io.berth.app.api.dto;

import java.util.List;

/** The revisions of a family, oldest first. */
public record TaskDefinitionRevisionsView(String family, List<TaskDefinitionRevisionView> revisions) {

    public TaskDefinitionRevisionsView {
        revisions = List.copyOf(revisions);
    }
}
