package io.berth.app.wakeups;

import io.berth.reconciler.loop.ReconcileTrigger;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.StaticApplicationContext;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ReconcileNotifierTest {

    @Test
    void tellsEveryTriggerAndSurvivesAFailingOne() {
        List<UUID> told = new ArrayList<>();
        StaticApplicationContext context = new StaticApplicationContext();
        context.getBeanFactory().registerSingleton("failing", (ServiceTrigger) id -> {
            throw new IllegalStateException("queue closed");
        });
        context.getBeanFactory().registerSingleton("recording", (ServiceTrigger) told::add);
        context.refresh();
        ReconcileNotifier notifier = new ReconcileNotifier(context.getBeanProvider(ReconcileTrigger.class), context);

        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        notifier.servicesChanged(List.of(a, b));

        assertThat(told).containsExactly(a, b);
    }

    /** A trigger that hears about services only. */
    @FunctionalInterface
    private interface ServiceTrigger extends ReconcileTrigger {
        @Override
        default void taskChanged(UUID taskId) {
        }

        @Override
        default void instanceChanged(UUID instanceId) {
        }

        @Override
        default void everythingChanged() {
        }
    }

    @Test
    void tellsTheTriggerOfTasksInstancesAndEverything() {
        List<String> told = new ArrayList<>();
        StaticApplicationContext context = new StaticApplicationContext();
        context.getBeanFactory().registerSingleton("recording", new ReconcileTrigger() {
            @Override
            public void serviceChanged(UUID serviceId) {
                told.add("service " + serviceId);
            }

            @Override
            public void taskChanged(UUID taskId) {
                told.add("task " + taskId);
            }

            @Override
            public void instanceChanged(UUID instanceId) {
                told.add("instance " + instanceId);
            }

            @Override
            public void everythingChanged() {
                told.add("everything");
            }
        });
        context.refresh();
        ReconcileNotifier notifier = new ReconcileNotifier(context.getBeanProvider(ReconcileTrigger.class), context);
        UUID task = UUID.randomUUID();
        UUID instance = UUID.randomUUID();

        notifier.taskChanged(task);
        notifier.instanceChanged(instance);
        notifier.everythingChanged();

        assertThat(told).containsExactly("task " + task, "instance " + instance, "everything");
    }

    @Test
    void worksWithoutATrigger() {
        StaticApplicationContext context = new StaticApplicationContext();
        context.refresh();
        new ReconcileNotifier(context.getBeanProvider(ReconcileTrigger.class), context)
                .serviceChanged(UUID.randomUUID());
    }
}
