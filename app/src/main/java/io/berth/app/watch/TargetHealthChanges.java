package io.berth.app.watch;

import io.berth.reconciler.pass.TrafficObserver;
import io.berth.reconciler.traffic.TargetStateChanges;
import io.berth.reconciler.traffic.TrafficStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Puts target health changes in the change log (kind {@code target}), so that {@code /v1/watch} streams them: a
 * target first reported by a load balancer's HAProxies ({@code created}), its state or reason changed
 * ({@code updated}), no longer reported ({@code deleted}). The traffic pass reads the health every 2 s; this compares
 * it with the last state it saw per target ({@link TargetStateChanges}): level-triggered, so a state that lasted less
 * than a pass may go unseen, and memory is one entry per target that exists.
 *
 * <p>Unlike the other kinds, these rows are written here, not by a trigger: target health is not stored anywhere.
 * Only the Berth that runs the passes writes them. A Berth that starts leading has seen nothing yet, so it reports
 * every target once ({@code created}) — a watcher sees the current state again rather than missing a change. A write
 * that fails is not forgotten: what it would have reported is compared again at the next pass.
 */
public final class TargetHealthChanges implements TrafficObserver {

    private static final Logger log = LoggerFactory.getLogger(TargetHealthChanges.class);
    static final String KIND = "target";

    private final JdbcTemplate jdbc;
    private final ChangeSequencer sequencer;
    private final ObjectMapper json = JsonMapper.builder().build();
    private final Map<String, Map<TrafficStats.TargetKey, TrafficStats.TargetSample>> seen = new ConcurrentHashMap<>();

    public TargetHealthChanges(JdbcTemplate jdbc, ChangeSequencer sequencer) {
        this.jdbc = jdbc;
        this.sequencer = sequencer;
    }

    @Override
    public void observed(String cluster, TrafficStats stats) {
        TargetStateChanges.Result next = TargetStateChanges.next(seen.getOrDefault(cluster, Map.of()), stats);
        if (!next.changes().isEmpty()) {
            try {
                write(cluster, next.changes());
            } catch (RuntimeException e) {
                log.warn("cluster {}: recording {} target health changes failed (retried at the next pass): {}",
                        cluster, next.changes().size(), e.toString());
                return;
            }
            sequencer.soon();
        }
        if (next.seen().isEmpty()) {
            seen.remove(cluster);
        } else {
            seen.put(cluster, Map.copyOf(next.seen()));
        }
    }

    @Override
    public void forget() {
        seen.clear();
    }

    private void write(String cluster, List<TargetStateChanges.TargetChange> changes) {
        jdbc.batchUpdate("insert into change_log (kind, op, cluster, service, object_id, payload) values (?, ?, ?, ?, ?, ?)",
                changes.stream().map(c -> new Object[]{KIND, c.op(), cluster, c.target().service(),
                        objectId(c.target()), payload(c)}).toList());
    }

    /** The task's id; the HAProxy server name for a server no RUNNING task is registered as. */
    static String objectId(TrafficStats.TargetSample t) {
        return t.taskId() != null ? t.taskId() : t.server();
    }

    /** Shaped like an item of GET …/target-groups/{name}/targets, with the load balancer, group and previous state. */
    String payload(TargetStateChanges.TargetChange c) {
        TrafficStats.TargetSample t = c.target();
        ObjectNode o = json.createObjectNode();
        o.put("loadBalancer", t.loadBalancer());
        o.put("targetGroup", t.targetGroup());
        o.put("service", t.service());
        ObjectNode target = o.putObject("target");
        target.put("taskId", t.taskId());
        target.put("instanceId", t.instanceId() == null ? null : t.instanceId().toString());
        target.put("port", t.port());
        target.put("server", t.server());
        ObjectNode health = o.putObject("health");
        health.put("state", t.health().state());
        health.put("reason", t.health().reason());
        health.put("description", t.health().description());
        o.put("previousState", c.previousState());
        return json.writeValueAsString(o);
    }
}
