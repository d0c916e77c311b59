package io.berth.reconciler.desiredstate;

/**
 * A service to create.
 *
 * @param taskDefinitionRef what the manifest says ("web" or "web:3")
 * @param taskDefinition    the revision it resolved to, "family:revision"
 * @param specJson          the service's spec as stored
 * @param labelsJson        its labels as stored
 */
public record NewService(String cluster, String name, String taskDefinitionRef, String taskDefinition,
                         int desiredCount, String specJson, String labelsJson) {

    /** What the service's event log says first. */
    public String createdEvent() {
        return "service %s was created with task definition %s and desired count %d".formatted(name, taskDefinition,
                desiredCount);
    }
}
