package io.berth.docker;

import com.github.dockerjava.api.model.Event;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** docker-java {@link Event} → {@link EngineEvent}. Pure mapping, no engine calls. */
final class EventMapper {

    /**
     * Attributes Docker adds to a container event next to its labels. They are dropped so that
     * {@link EngineEvent#labels()} holds labels only (a label with one of these keys would be lost; Berth uses
     * namespaced keys like "berth.task").
     */
    private static final Set<String> DOCKER_ATTRIBUTES = Set.of("name", "image", "exitCode", "signal", "execID");

    private EventMapper() {
    }

    static EngineEvent map(Event e) {
        String raw = e.getAction() != null ? e.getAction() : e.getStatus();
        String action = raw;
        String detail = null;
        // "health_status: healthy", "exec_start: sh -c ..." → action + detail
        int colon = raw == null ? -1 : raw.indexOf(": ");
        if (colon > 0) {
            action = raw.substring(0, colon);
            detail = raw.substring(colon + 2).strip();
        }
        Map<String, String> labels = new HashMap<>();
        if (e.getActor() != null && e.getActor().getAttributes() != null) {
            e.getActor().getAttributes().forEach((k, v) -> {
                if (k != null && v != null && !DOCKER_ATTRIBUTES.contains(k)) {
                    labels.put(k, v);
                }
            });
        }
        String id = e.getId() != null ? e.getId() : e.getActor() == null ? null : e.getActor().getId();
        return new EngineEvent(id, action, detail, labels, time(e));
    }

    private static Instant time(Event e) {
        if (e.getTimeNano() != null && e.getTimeNano() > 0) {
            long nanos = e.getTimeNano();
            return Instant.ofEpochSecond(nanos / 1_000_000_000L, nanos % 1_000_000_000L);
        }
        return e.getTime() == null ? Instant.now() : Instant.ofEpochSecond(e.getTime());
    }
}
