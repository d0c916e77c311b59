package io.berth.reconciler.scheduler.query;

import java.util.Collection;

/** What a cluster query can ask about one container instance. */
public interface QueryContext {

    /** The value of an attribute (custom or built-in), or null when the instance lacks it. */
    String attribute(String name);

    /** The task groups ({@code service:web}, {@code family:batch}) of the tasks that run on the instance. */
    Collection<String> taskGroups();
}
