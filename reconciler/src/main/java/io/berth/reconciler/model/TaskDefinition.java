package io.berth.reconciler.model;

/** A stored, immutable revision of a task definition family. */
public record TaskDefinition(String family, int revision, TaskDefinitionSpec spec) {

    public String arn() {
        return family + ":" + revision;
    }
}
