package io.berth.reconciler.scheduler.query;

import java.util.Collection;
import java.util.Map;
import java.util.Set;

/** A test instance for queries: attributes and task groups. */
record Instance(Map<String, String> attributes, Set<String> groups) implements QueryContext {

    static Instance of(Map<String, String> attributes, String... groups) {
        return new Instance(attributes, Set.of(groups));
    }

    @Override
    public String attribute(String name) {
        return attributes.get(name);
    }

    @Override
    public Collection<String> taskGroups() {
        return groups;
    }
}
