package io.berth.app.api;

import io.berth.reconciler.model.TaskDefinitionSpec;
import io.berth.reconciler.policy.ClusterSettings;
import io.berth.reconciler.policy.RegistryCredential;
import io.berth.reconciler.policy.RegistryScope;
import io.berth.reconciler.policy.UnreadableCredentialException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether the registry credentials a task definition names exist and belong to the registries of their images:
 * checked when a service is applied and when a task is run, so that the user hears it then, not from a task that
 * fails to pull (the launcher checks again, since a credential can change in between).
 */
final class RepositoryCredentialCheck {

    private RepositoryCredentialCheck() {
    }

    /** @return one message per container whose credential is missing, unreadable or for another registry, each
     *  starting with the field ({@code containers[N].repositoryCredentials.credentialsParameter: ...}) */
    static List<String> problems(TaskDefinitionSpec spec, ClusterSettings settings) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < spec.containers().size(); i++) {
            String credential = spec.containers().get(i).options().credentialsParameter();
            if (credential == null) {
                continue;
            }
            String field = "containers[" + i + "].repositoryCredentials.credentialsParameter: ";
            Optional<RegistryCredential> stored;
            try {
                stored = settings.credential(credential);
            } catch (UnreadableCredentialException e) {
                problems.add(field + e.getMessage());
                continue;
            }
            if (stored.isEmpty()) {
                problems.add(field + "no stored credential named \"" + credential
                        + "\" (store it with POST /v1/credentials)");
                continue;
            }
            String image = spec.containers().get(i).image();
            RegistryScope.mismatch(stored.get(), image).ifPresent(why -> problems.add(field + why));
        }
        return problems;
    }
}
