package io.berth.app.audit;

import io.berth.db.model.AuditEventEntity;
import io.berth.db.repository.AuditEventRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Stores audit events: one INSERT each. As in Kubernetes (whose log backend does not fail a request it could not
 * record), a failed write never changes the request's answer: it is logged and counted
 * ({@code berth_audit_write_failures_total}), so that an alert can catch a trail with holes.
 */
@Service
public class AuditRecorder {

    /** The logger of the JSON lines ({@code berth.audit.log: true}), for a log shipper to pick out. */
    public static final String LOGGER = "berth.audit";
    private static final Logger log = LoggerFactory.getLogger(AuditRecorder.class);
    private static final Logger auditLog = LoggerFactory.getLogger(LOGGER);

    private final AuditEventRepository events;
    private final AuditProperties properties;
    private final JsonMapper json;
    private final Counter failures;

    public AuditRecorder(AuditEventRepository events, AuditProperties properties, JsonMapper json, MeterRegistry meters) {
        this.events = events;
        this.properties = properties;
        this.json = json;
        this.failures = Counter.builder("berth.audit.write.failures")
                .description("Audit events that could not be stored (the requests were answered all the same)")
                .register(meters);
    }

    /** Records one event; never throws. */
    public void record(AuditEvent event) {
        if (properties.log()) {
            writeLine(event);
        }
        try {
            events.save(entity(event));
        } catch (RuntimeException e) {
            failures.increment();
            log.warn("could not store the audit event of request {} ({} {} by {}, status {}): {}", event.requestId(),
                    event.verb(), event.resource(), event.caller(), event.status(), e.toString());
        }
    }

    private void writeLine(AuditEvent event) {
        try {
            auditLog.info(json.writeValueAsString(fields(event)));
        } catch (RuntimeException e) {
            log.warn("could not write the audit log line of request {}: {}", event.requestId(), e.toString());
        }
    }

    /** The JSON line's fields, named as the API's {@code /v1/audit} names them. */
    static Map<String, Object> fields(AuditEvent event) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", event.at().toString());
        line.put("requestId", event.requestId());
        line.put("user", event.caller());
        line.put("userSource", event.callerSource());
        line.put("verb", event.verb());
        line.put("resource", event.resource());
        line.put("kind", event.route().kind());
        line.put("cluster", event.route().cluster());
        line.put("name", event.route().name());
        line.put("subresource", event.route().subresource());
        if (!event.documents().isEmpty()) {
            line.put("documents", event.documents());
        }
        line.put("bodySha256", event.bodySha256());
        line.put("sourceAddress", event.remoteAddress());
        line.put("status", event.status());
        if (event.exec() != null) {
            Map<String, Object> exec = new LinkedHashMap<>();
            exec.put("command", event.exec().command());
            exec.put("startedAt", event.exec().startedAt().toString());
            exec.put("durationMs", event.exec().duration().toMillis());
            exec.put("exitCode", event.exec().exitCode());
            exec.put("end", event.exec().end());
            exec.values().removeIf(java.util.Objects::isNull);
            line.put("exec", exec);
        }
        line.values().removeIf(java.util.Objects::isNull);
        return line;
    }

    private AuditEventEntity entity(AuditEvent e) {
        AuditRoute r = e.route();
        AuditEventEntity entity = new AuditEventEntity(UUID.randomUUID(), e.at(), e.requestId(), e.caller(), e.callerSource(), e.verb(),
                e.resource(), r.kind(), r.cluster(), r.name(), r.subresource(),
                e.documents().isEmpty() ? null : String.join("\n", e.documents()), e.bodySha256(),
                e.remoteAddress(), e.status());
        if (e.exec() != null) {
            AuditEvent.Exec x = e.exec();
            entity.withExec(json.writeValueAsString(x.command()), x.startedAt(), x.duration().toMillis(), x.exitCode(),
                    x.end());
        }
        return entity;
    }
}
