package io.berth.app.manifest;

import java.time.Duration;

/**
 * Which way a task definition is written. Manifests require units on durations ("30s": a bare 30 is ambiguous);
 * ECS's register-task-definition JSON writes stopTimeout and health-check times as whole seconds, and must be
 * taken unchanged.
 */
enum Dialect {
    MANIFEST,
    ECS;

    Duration duration(ObjectFields fields, String key) {
        return this == ECS ? fields.durationOrSeconds(key) : fields.duration(key);
    }
}
