package io.berth.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * The progress display of {@code apply --wait}: while the server holds the request ({@code ?wait=true}) and
 * decides the outcome, a background thread reads each service's {@code …/rollout} every poll interval and
 * redraws one line on stderr. Only on a terminal: piped into a CI log, the redrawn line would be noise, and
 * the final answer says everything. Display only: a failing poll just leaves the line as it was.
 */
final class RolloutProgress implements AutoCloseable {

    private final ApiClient api;
    private final CliContext context;
    private final List<ServiceRef> services;
    private final Thread thread;
    /**
     * Per service, a finished deployment seen at the first poll: the previous one, still current until the server
     * has stored the apply. Shown as "waiting", not as if this apply's rollout had already completed.
     */
    private final Map<ServiceRef, String> previous = new HashMap<>();
    private final Set<ServiceRef> polled = new HashSet<>();
    private volatile boolean stopped;
    private boolean shown;

    private RolloutProgress(ApiClient api, CliContext context, List<ServiceRef> services) {
        this.api = api;
        this.context = context;
        this.services = List.copyOf(services);
        this.thread = Thread.ofPlatform().daemon().name("berth-rollout-progress").unstarted(this::run);
    }

    /** Starts the display when stderr is a terminal and there is something to show; otherwise does nothing. */
    static RolloutProgress start(ApiClient api, CliContext context, List<ServiceRef> services) {
        RolloutProgress progress = new RolloutProgress(api, context, services);
        if (context.tty() && !services.isEmpty()) {
            progress.thread.start();
        }
        return progress;
    }

    private void run() {
        PrintWriter err = context.err();
        while (!stopped) {
            String line = poll();
            synchronized (this) {
                if (stopped) {
                    return;
                }
                if (line != null) {
                    err.print("\r\033[KWaiting for " + line);
                    err.flush();
                    shown = true;
                }
            }
            try {
                context.sleeper().sleep(context.pollInterval());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** "service/default/web: web:2 IN_PROGRESS: 1/3 running; service/default/api: ...", null when nothing was read. */
    String poll() {
        List<String> parts = new ArrayList<>();
        for (ServiceRef service : services) {
            try {
                JsonNode rollout = api.get(service.path() + "/rollout");
                String id = Json.text(rollout, "id");
                if (polled.add(service) && RolloutText.done(rollout) && id != null) {
                    previous.put(service, id);
                }
                parts.add(service.ref() + ": " + (id != null && id.equals(previous.get(service))
                        ? "waiting for the new deployment" : RolloutText.line(rollout)));
            } catch (CliException e) {
                // not created yet (404) or a hiccup: the server's answer to the apply is what counts
            }
        }
        return parts.isEmpty() ? null : String.join("; ", parts);
    }

    /** Stops polling and clears the line, so the answer starts on a clean line. */
    @Override
    public void close() {
        synchronized (this) {
            stopped = true;
            if (shown) {
                context.err().print("\r\033[K");
                context.err().flush();
            }
        }
        thread.interrupt();
        if (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
