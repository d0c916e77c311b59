package io.berth.reconciler.store.jpa;

import io.berth.reconciler.model.Task;
import io.berth.reconciler.model.TaskContainer;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Writes new tasks and their containers with PostgreSQL's {@code COPY ... FROM STDIN}: one round trip per table
 * however many tasks a pass launches. Row-by-row JPA inserts cost two statements per task (task + container);
 * at a million tasks that is the difference between seconds and many minutes.
 *
 * <p>Writes exactly what the JPA entities would for a new task ({@code TaskEntity}'s constructor and
 * {@code @PrePersist}): desired RUNNING, PROVISIONING, version 0, {@code updated_at = created_at}, the creation time
 * truncated to microseconds (what PostgreSQL keeps), and each container's observed fields with health UNKNOWN.
 * It runs on the caller's connection and therefore in the caller's transaction: either every row of both tables
 * is written or, when the transaction rolls back, none.
 */
final class TaskRowsCopy {

    static final String TASK_COPY = "copy task (id, cluster, service_id, service_name, task_family, task_revision, "
            + "container_instance_id, deployment_id, desired_status, last_status, reserved_cpu, reserved_memory, "
            + "created_at, updated_at, version) from stdin";
    static final String CONTAINER_COPY = "copy task_container (task_id, name, docker_id, last_status, health, exit_code, "
            + "reason, host_ports) from stdin";

    /** Bytes buffered before a chunk goes to the server; COPY streams, so memory stays flat for any batch. */
    private static final int BUFFER = 1 << 16;

    private final EntityMapping mapping;
    private final Clock clock;

    TaskRowsCopy(EntityMapping mapping, Clock clock) {
        this.mapping = mapping;
        this.clock = clock;
    }

    /** Inserts the tasks, then their containers (which reference them), on {@code connection}. */
    void insert(Connection connection, List<Task> tasks) throws SQLException {
        if (tasks.isEmpty()) {
            return;
        }
        for (Task t : tasks) { // before the first byte goes out: a bad task must not leave half a COPY behind
            requireField(t.id(), "id", t);
            requireField(t.cluster(), "cluster", t);
            requireField(t.family(), "family", t);
        }
        PGConnection pg = connection.unwrap(PGConnection.class);
        Instant fallbackNow = clock.instant();
        copy(pg, TASK_COPY, out -> {
            for (Task t : tasks) {
                writeTask(out, t, fallbackNow);
            }
        });
        if (tasks.stream().anyMatch(t -> !t.containers().isEmpty())) {
            copy(pg, CONTAINER_COPY, out -> {
                for (Task t : tasks) {
                    for (TaskContainer c : t.containers()) {
                        writeContainer(out, t.id(), c);
                    }
                }
            });
        }
    }

    private interface RowSink {
        void write(Writer out) throws IOException;
    }

    private static void copy(PGConnection pg, String sql, RowSink rows) throws SQLException {
        try (PGCopyOutputStream stream = new PGCopyOutputStream(pg, sql, BUFFER);
             Writer out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), BUFFER)) {
            rows.write(out);
        } catch (IOException e) {
            // PGCopyOutputStream reports server errors (a duplicate id, a missing foreign key) as IOExceptions.
            if (e.getCause() instanceof SQLException cause) {
                throw cause;
            }
            throw new SQLException("COPY into " + sql.split(" ")[1] + " failed: " + e.getMessage(), e);
        }
    }

    private void writeTask(Writer out, Task t, Instant fallbackNow) throws IOException {
        Instant created = (t.createdAt() == null ? fallbackNow : t.createdAt()).truncatedTo(ChronoUnit.MICROS);
        String createdText = created.toString();
        field(out, t.id());
        field(out, t.cluster());
        field(out, t.serviceId());
        field(out, t.serviceName());
        field(out, t.family());
        field(out, Integer.toString(t.revision()));
        field(out, t.instanceId());
        field(out, t.deploymentId());
        field(out, "RUNNING");
        field(out, "PROVISIONING");
        field(out, Integer.toString(t.reservedCpu()));
        field(out, Integer.toString(t.reservedMemory()));
        field(out, createdText);
        field(out, createdText);
        last(out, "0");
    }

    private void writeContainer(Writer out, UUID taskId, TaskContainer c) throws IOException {
        field(out, taskId);
        field(out, c.name());
        field(out, c.dockerId());
        field(out, EntityMapping.lastStatus(c.lastStatus()).name());
        field(out, "UNKNOWN");
        field(out, c.exitCode() == null ? null : c.exitCode().toString());
        field(out, c.reason());
        last(out, mapping.hostPortsJson(c.hostPorts()));
    }

    private static void requireField(Object value, String name, Task t) {
        if (value == null) {
            throw new IllegalArgumentException("task " + t.id() + ": field '" + name + "' is required to insert it");
        }
    }

    private static void field(Writer out, Object value) throws IOException {
        escape(out, value == null ? null : value.toString());
        out.write('\t');
    }

    private static void last(Writer out, String value) throws IOException {
        escape(out, value);
        out.write('\n');
    }

    /**
     * COPY's text format: {@code \N} is null; backslash, tab, newline and carriage return are escaped with a
     * backslash so that a service name or reason can never end a field or a row early.
     */
    static void escape(Writer out, String value) throws IOException {
        if (value == null) {
            out.write("\\N");
            return;
        }
        if (!needsEscape(value)) {
            out.write(value); // the common case (ids, names, numbers): one call, not one per character
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            switch (ch) {
                case '\\' -> out.write("\\\\");
                case '\t' -> out.write("\\t");
                case '\n' -> out.write("\\n");
                case '\r' -> out.write("\\r");
                default -> out.write(ch);
            }
        }
    }

    private static boolean needsEscape(String value) {
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch == '\\' || ch == '\t' || ch == '\n' || ch == '\r') {
                return true;
            }
        }
        return false;
    }
}
