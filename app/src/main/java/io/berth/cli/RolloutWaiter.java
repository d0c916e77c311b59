package io.berth.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * Client-side {@code apply --wait}, until the server offers {@code ?wait=true} for apply: polls each service
 * until it runs its desired count of its current revision and no task of another revision is still active
 * (desired RUNNING, or not yet STOPPED), bounded by a timeout (exit code 4).
 */
final class RolloutWaiter {

    record Target(String cluster, String name) {
        String ref() {
            return "service/" + cluster + "/" + name;
        }
    }

    record Progress(String taskDefinition, long desired, long running, long pending, long old, boolean done) {
        String text() {
            return running + "/" + desired + " running (" + taskDefinition + ")"
                    + (pending > 0 ? ", " + pending + " pending" : "")
                    + (old > 0 ? ", " + old + " old task" + (old == 1 ? "" : "s") + " still running" : "");
        }
    }

    private final ApiClient api;
    private final CliContext context;

    RolloutWaiter(ApiClient api, CliContext context) {
        this.api = api;
        this.context = context;
    }

    void await(List<Target> targets, Duration timeout) {
        PrintWriter out = context.out();
        Instant deadline = context.now().plus(timeout);
        Map<Target, Progress> pending = new LinkedHashMap<>();
        targets.forEach(target -> pending.put(target, null));
        boolean progressShown = false;
        while (true) {
            for (Target target : new ArrayList<>(pending.keySet())) {
                Progress progress = check(target);
                if (progress.done()) {
                    pending.remove(target);
                    if (progressShown) {
                        out.print("\r\033[K");
                        progressShown = false;
                    }
                    out.println(target.ref() + " rolled out: " + progress.text());
                } else {
                    pending.put(target, progress);
                }
            }
            out.flush();
            if (pending.isEmpty()) {
                return;
            }
            if (!context.now().isBefore(deadline)) {
                if (progressShown) {
                    out.println();
                }
                throw CliException.timeout("timed out after " + Durations.format(timeout) + " waiting for "
                        + summary(pending));
            }
            if (context.tty()) {
                out.print("\r\033[KWaiting for " + summary(pending));
                out.flush();
                progressShown = true;
            }
            try {
                context.sleeper().sleep(context.pollInterval());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliException(ExitCodes.API_ERROR, "interrupted while waiting for " + summary(pending));
            }
        }
    }

    private static String summary(Map<Target, Progress> pending) {
        List<String> parts = new ArrayList<>();
        pending.forEach((target, progress) -> parts.add(target.ref()
                + (progress == null ? "" : ": " + progress.text())));
        return String.join("; ", parts);
    }

    Progress check(Target target) {
        String base = "/v1/clusters/" + ApiClient.encode(target.cluster());
        JsonNode service = api.get(base + "/services/" + ApiClient.encode(target.name()));
        String revision = Json.text(service, "taskDefinition", "?");
        String status = Json.text(service, "status", "ACTIVE");
        if (!"ACTIVE".equals(status)) {
            throw new CliException(ExitCodes.API_ERROR, target.ref() + " is " + status
                    + " (being deleted) while waiting for it to roll out");
        }
        long old = 0;
        for (JsonNode task : api.get(base + "/tasks?service=" + ApiClient.encode(target.name()))) {
            boolean otherRevision = !revision.equals(Json.text(task, "taskDefinition"));
            boolean active = "RUNNING".equals(Json.text(task, "desiredStatus"))
                    || !"STOPPED".equals(Json.text(task, "lastStatus"));
            if (otherRevision && active) {
                old++;
            }
        }
        long desired = Json.number(service, "desiredCount");
        long running = Json.number(service, "runningCount");
        long pendingCount = Json.number(service, "pendingCount");
        return new Progress(revision, desired, running, pendingCount, old, running == desired && old == 0);
    }
}
