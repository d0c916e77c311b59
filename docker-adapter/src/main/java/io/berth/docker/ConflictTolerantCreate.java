package io.berth.docker;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Creates a container without ever creating two on retry.
 *
 * <p>A create whose answer was lost (connection reset, timeout) may still have happened on the engine. Retrying it
 * then fails with 409 "name already in use": on a <em>retried</em> attempt that conflict means our first attempt
 * succeeded, so the container is looked up by name and its id returned. A conflict on the first attempt is a real
 * conflict and is thrown. A container without a name cannot be found again, so a nameless create is never retried.
 */
final class ConflictTolerantCreate {

    private static final Logger log = LoggerFactory.getLogger(ConflictTolerantCreate.class);

    private final ResilientCalls calls;
    private final Function<ContainerSpec, String> createOnce;
    private final Function<String, Optional<ContainerState>> findByName;

    ConflictTolerantCreate(ResilientCalls calls, Function<ContainerSpec, String> createOnce,
                           Function<String, Optional<ContainerState>> findByName) {
        this.calls = calls;
        this.createOnce = createOnce;
        this.findByName = findByName;
    }

    String create(ContainerSpec spec) {
        if (spec.name() == null || spec.name().isBlank()) {
            return calls.once("create", () -> createOnce.apply(spec));
        }
        AtomicInteger attempt = new AtomicInteger();
        return calls.idempotent("create " + spec.name(), () -> {
            int n = attempt.incrementAndGet();
            try {
                return createOnce.apply(spec);
            } catch (RuntimeException e) {
                EngineException failure = EngineErrors.translate("create " + spec.name(), e);
                if (n > 1 && failure.kind() == EngineException.Kind.CONFLICT) {
                    return existingFromEarlierAttempt(spec, failure);
                }
                throw failure;
            }
        });
    }

    private String existingFromEarlierAttempt(ContainerSpec spec, EngineException conflict) {
        ContainerState existing = findByName.apply(spec.name()).orElseThrow(() -> conflict);
        // Same name but other labels: someone else's container, not the one our lost attempt created.
        if (!existing.labels().entrySet().containsAll(spec.labels().entrySet())) {
            throw conflict;
        }
        log.info("create {}: retried after a lost answer; the first attempt had created {}", spec.name(), existing.id());
        return existing.id();
    }
}
