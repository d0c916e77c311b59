package io.berth.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The filters of {@code berth get tasks}, as the API's query parameters (ECS list-tasks: --service-name,
 * --desired-status, --started-by, --family; and run-task's group). All given filters must hold.
 *
 * @param status desired status, RUNNING or STOPPED (any case)
 */
record TaskQuery(String service, String status, String startedBy, String group, String family) {

    static final TaskQuery ALL = new TaskQuery(null, null, null, null, null);

    boolean isEmpty() {
        return equals(ALL);
    }

    /** "service=web&status=RUNNING", without '?'; empty when nothing filters. */
    String queryString() {
        List<String> parts = new ArrayList<>();
        add(parts, "service", service);
        add(parts, "status", status == null ? null : status.toUpperCase(Locale.ROOT));
        add(parts, "startedBy", startedBy);
        add(parts, "group", group);
        add(parts, "family", family);
        return String.join("&", parts);
    }

    private static void add(List<String> parts, String name, String value) {
        if (value != null) {
            parts.add(name + "=" + ApiClient.encode(value));
        }
    }
}
