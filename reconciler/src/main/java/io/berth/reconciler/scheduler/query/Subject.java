package io.berth.reconciler.scheduler.query;

/** What a condition is about: an attribute of the instance, or the groups of the tasks it runs. */
public sealed interface Subject {

    /** {@code attribute:NAME}. */
    record Attribute(String name) implements Subject {
        @Override
        public String toString() {
            return "attribute:" + name;
        }
    }

    /** {@code task:group}: true for an instance when one of its tasks is in the group (ECS semantics). */
    record TaskGroup() implements Subject {
        @Override
        public String toString() {
            return "task:group";
        }
    }
}
