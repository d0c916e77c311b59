package io.berth.reconciler.plan;

import io.berth.reconciler.model.ContainerDefinition;
import io.berth.reconciler.model.ContainerDependency;
import io.berth.reconciler.model.ObservedContainer;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Whether a container's {@code dependsOn} conditions let it start now (ECS semantics). Pure: decided from what the
 * engine says about the dependencies, so each pass of the loop starts whatever has become startable.
 */
public final class DependencyConditions {

    private DependencyConditions() {
    }

    /** The answer for one container. */
    public sealed interface Verdict {
        /** Every condition holds: start it. */
        record Start() implements Verdict {
        }

        /** Some condition may still come to hold: look again later. */
        record Wait(String waitingFor) implements Verdict {
        }

        /** A condition can never hold, or startTimeout passed: the task fails with this reason. */
        record Fail(String reason) implements Verdict {
        }
    }

    /**
     * @param dependencies the task's containers by definition name, as the engine reports them (absent = not created)
     * @param waitingSince when the task began to launch: startTimeout counts from there
     */
    public static Verdict evaluate(ContainerDefinition container, Map<String, ObservedContainer> dependencies,
                                   Instant waitingSince, Instant now) {
        String waitingFor = null;
        for (ContainerDependency d : container.options().dependsOn()) {
            ObservedContainer state = dependencies.get(d.containerName());
            String condition = "container " + container.name() + " depends on " + d.containerName() + " "
                    + d.condition();
            boolean exited = state != null && !state.running() && "exited".equals(state.status());
            boolean started = state != null && (state.running() || exited);
            switch (d.condition()) {
                case START -> {
                    if (!started) waitingFor = condition;
                }
                case COMPLETE -> {
                    if (!exited) waitingFor = condition;
                }
                case SUCCESS -> {
                    if (exited && !Integer.valueOf(0).equals(state.exitCode())) {
                        return new Verdict.Fail("DependencyConditionNeverMet: " + condition + ", but "
                                + d.containerName() + " exited with code " + state.exitCode());
                    }
                    if (!exited) waitingFor = condition;
                }
                case HEALTHY -> {
                    if (exited) {
                        return new Verdict.Fail("DependencyConditionNeverMet: " + condition + ", but "
                                + d.containerName() + " exited (code " + state.exitCode() + ") before it was healthy");
                    }
                    if (state == null || state.health() != ObservedContainer.Health.HEALTHY) waitingFor = condition;
                }
            }
        }
        if (waitingFor == null) {
            return new Verdict.Start();
        }
        Duration timeout = container.options().startTimeout();
        if (timeout != null && !now.isBefore(waitingSince.plus(timeout))) {
            return new Verdict.Fail("DependencyTimeout: " + waitingFor + ", which did not hold within its startTimeout of "
                    + DurationWords.of(timeout));
        }
        return new Verdict.Wait(waitingFor);
    }
}
