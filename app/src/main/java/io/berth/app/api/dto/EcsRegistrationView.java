package io.berth.app.api.dto;

import java.util.List;

/**
 * Answer to registering an ECS task definition.
 *
 * @param result   created (new family), configured (new revision) or unchanged (the latest ACTIVE revision already
 *                 has this definition)
 * @param warnings fields Berth accepted but does not act on (AWS-only settings), each naming the field
 */
public record EcsRegistrationView(String family, int revision, ApplyResult.Outcome result, List<String> warnings,
                                  TaskDefinitionSpecView spec) {
}
