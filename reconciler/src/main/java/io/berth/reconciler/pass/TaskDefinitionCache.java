package io.berth.reconciler.pass;

import io.berth.reconciler.model.TaskDefinition;
import io.berth.reconciler.store.StateStore;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Revisions are immutable, so once read they are kept: the loop does not re-read specs every pass. */
final class TaskDefinitionCache {

    private final StateStore store;
    private final Map<String, TaskDefinition> byArn = new ConcurrentHashMap<>();

    TaskDefinitionCache(StateStore store) {
        this.store = store;
    }

    Map<String, TaskDefinition> get(Collection<String> arns) {
        List<String> missing = arns.stream().filter(a -> !byArn.containsKey(a)).distinct().toList();
        if (!missing.isEmpty()) {
            byArn.putAll(store.taskDefinitions(missing));
        }
        Map<String, TaskDefinition> result = new HashMap<>();
        for (String arn : arns) {
            TaskDefinition td = byArn.get(arn);
            if (td == null) {
                throw new IllegalStateException("task definition " + arn + " is referenced by a task but not stored");
            }
            result.put(arn, td);
        }
        return result;
    }

    TaskDefinition get(String arn) {
        return get(List.of(arn)).get(arn);
    }

    void remember(TaskDefinition td) {
        byArn.putIfAbsent(td.arn(), td);
    }
}
