package io.berth.app.api;

import io.berth.app.manifest.ErrorCollector;
import io.berth.reconciler.model.Task;
import io.berth.reconciler.model.TaskDefinition;
import io.berth.reconciler.model.TaskDefinitionRef;

import java.util.List;

/**
 * A run-task whose client token an earlier request used must be that request again (ECS answers
 * "IdempotentParameterMismatch" otherwise): a token reused for something else would silently start nothing.
 */
final class ClientTokenReuse {

    private ClientTokenReuse() {
    }

    /**
     * The same family, and the same revision when the request names one ("family" alone may resolve to a newer
     * revision by the time of the retry). The count is part of the tasks' ids, so it is the same already.
     *
     * @throws io.berth.app.manifest.ManifestValidationException naming {@code clientToken} otherwise
     */
    static void requireSameRequest(List<Task> earlier, TaskDefinition resolved, String requested) {
        Task first = earlier.getFirst();
        TaskDefinitionRef ref = TaskDefinitionRef.parse(requested.trim());
        boolean sameFamily = first.family().equals(resolved.family());
        boolean sameRevision = ref.revision() == null || first.revision() == resolved.revision();
        if (!sameFamily || !sameRevision) {
            refuse("of " + first.taskDefinitionArn());
        }
    }

    /** @throws io.berth.app.manifest.ManifestValidationException naming {@code clientToken}, always */
    static void refuse(String earlierRequest) {
        ErrorCollector errors = new ErrorCollector();
        errors.reject("clientToken", "was used by an earlier run-task (" + earlierRequest + ") with other parameters; "
                + "use a new token for a new request");
        RunTaskValidator.throwIfAny(errors);
    }
}
