package io.berth.cli;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import picocli.CommandLine;

/** The kinds of things {@code get}, {@code describe} and {@code delete} name, with kubectl-like aliases. */
enum ResourceType {
    CLUSTERS("clusters", "cluster"),
    INSTANCES("instances", "instance", "container-instances", "container-instance", "ci", "hosts", "host"),
    TASK_DEFINITIONS("task-definitions", "task-definition", "taskdefinitions", "taskdefinition", "td"),
    SERVICES("services", "service", "svc"),
    TASKS("tasks", "task"),
    TARGET_GROUPS("target-groups", "target-group", "tg"),
    LOAD_BALANCERS("load-balancers", "load-balancer", "lb"),
    /** Global: names, keys and versions, never values. */
    SECRETS("secrets", "secret"),
    /** Global: names, keys and versions (describe shows the values). */
    CONFIGS("configs", "config"),
    SCHEDULED_TASKS("scheduled-tasks", "scheduled-task", "st"),
    /** Services' scheduled scaling actions: NAME is an action's name, --service narrows to one service. */
    SCHEDULED_ACTIONS("scheduled-actions", "scheduled-action", "sa"),
    /** The targets of one target group and their health: NAME is the group. */
    TARGETS("targets", "target");

    private final List<String> names;

    ResourceType(String... names) {
        this.names = List.of(names);
    }

    /** Not of a cluster: listed whatever {@code --cluster} says. */
    boolean global() {
        return this == CLUSTERS || this == TASK_DEFINITIONS || this == SECRETS || this == CONFIGS;
    }

    String plural() {
        return names.getFirst();
    }

    String singular() {
        return names.get(1);
    }

    static ResourceType parse(String text) {
        String name = text.toLowerCase(Locale.ROOT);
        for (ResourceType type : values()) {
            if (type.names.contains(name)) {
                return type;
            }
        }
        throw new CommandLine.TypeConversionException("unknown resource type \"" + text + "\"; use one of "
                + Arrays.stream(values()).map(ResourceType::plural).collect(Collectors.joining(", ")));
    }

    /** For picocli: {@code --type} values with aliases. */
    static final class Converter implements CommandLine.ITypeConverter<ResourceType> {
        @Override
        public ResourceType convert(String value) {
            return parse(value);
        }
    }

    /** Completion candidates and the list shown in --help: every type, singular and plural. */
    static final class Candidates implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(values()).flatMap(t -> t.names.stream().limit(2)).iterator();
        }
    }
}
