package io.berth.app.api;

import io.berth.app.manifest.DurationText;
import io.berth.db.model.TaskContainerEntity;
import io.berth.db.model.TaskEntity;
import io.berth.db.repository.TaskRepository;
import io.berth.docker.DockerEngine;
import io.berth.docker.EngineException;
import io.berth.docker.LogChunk;
import io.berth.docker.LogRequest;
import io.berth.reconciler.hosts.EngineRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Streams a task container's output from the engine of its host. The response is bounded in time (a followed log
 * ends when the container stops, or after {@link #FOLLOW_LIMIT}) and in memory (chunks are written as the engine
 * sends them; a slow client slows the engine stream, nothing is queued), and cancellable: a client that hangs up
 * closes the engine stream.
 */
@Service
public class TaskLogs {

    private static final Logger log = LoggerFactory.getLogger(TaskLogs.class);
    public static final Duration FOLLOW_LIMIT = Duration.ofHours(1);
    static final Duration READ_LIMIT = Duration.ofMinutes(1);

    private final TaskRepository tasks;
    private final ClusterViews clusters;
    private final EngineRegistry engines;
    private final Clock clock;
    private final ConcurrencyCaps caps;

    public TaskLogs(TaskRepository tasks, ClusterViews clusters, EngineRegistry engines, Clock clock,
                    ConcurrencyCaps caps) {
        this.tasks = tasks;
        this.clusters = clusters;
        this.engines = engines;
        this.clock = clock;
        this.caps = caps;
    }

    /**
     * @param since an instant (2026-01-01T10:00:00Z) or a duration back from now (10m, 1h30m); null = from the start
     */
    public ResponseBodyEmitter stream(String cluster, String taskId, String container, boolean follow, Integer tail,
                                      String since) {
        // A follow holds an engine stream for up to an hour: capped, taken first (a refused follow costs no engine
        // call) and released however the response ends.
        ConcurrencyCaps.Permit permit = follow ? caps.following() : () -> { };
        try {
            return stream(cluster, taskId, container, follow, tail, since, permit);
        } catch (RuntimeException | Error e) {
            permit.close();
            throw e;
        }
    }

    private ResponseBodyEmitter stream(String cluster, String taskId, String container, boolean follow, Integer tail,
                                       String since, ConcurrencyCaps.Permit permit) {
        clusters.requireCluster(cluster);
        if (tail != null && tail < 0) {
            throw ApiErrors.badRequest("tail must be 0 or more, got " + tail);
        }
        Instant from = since(since);
        Source source = source(cluster, taskId, container);
        return emit(source.engine(), source.dockerId(), taskId, container, new LogRequest(follow, tail, from), permit);
    }

    /**
     * Follows a container's output for a reader other than the API's response (the console's live log panel): the
     * same checks, the same follows cap and the same engine stream, with each chunk handed to {@code onChunk} on the
     * engine's thread. {@code onEnd} is called once when the container stops or the engine fails (with the error);
     * the caller bounds the follow's length to {@link #FOLLOW_LIMIT} as the API does. Closing the returned
     * subscription ends the engine stream and releases the permit.
     *
     * @throws io.berth.app.web.TooManyRequestsException when {@code berth.api.max-concurrent-log-follows} are open
     * @throws ResponseStatusException 404 (no such task, container, or the container was removed), 503 (its host)
     */
    public DockerEngine.Subscription follow(String cluster, String taskId, String container, int tail,
                                            Consumer<LogChunk> onChunk, Consumer<Throwable> onEnd) {
        ConcurrencyCaps.Permit permit = caps.following();
        try {
            clusters.requireCluster(cluster);
            Source source = source(cluster, taskId, container);
            DockerEngine.Subscription subscription = source.engine().logs(source.dockerId(),
                    new LogRequest(true, tail, null, true), onChunk, error -> {
                        permit.close();
                        onEnd.accept(error);
                    });
            return () -> {
                subscription.close();
                permit.close();
            };
        } catch (RuntimeException | Error e) {
            permit.close();
            throw e;
        }
    }

    /** Where a task container's output is read: its host's engine and its Docker id. */
    private record Source(DockerEngine engine, String dockerId) {
    }

    private Source source(String cluster, String taskId, String container) {
        TaskEntity task = parse(taskId).flatMap(tasks::findWithContainersById)
                .filter(t -> t.getCluster().equals(cluster))
                .orElseThrow(() -> ApiErrors.notFound("task " + taskId + " not found in cluster \"" + cluster + "\""));
        TaskContainerEntity row = task.container(container).orElseThrow(() -> ApiErrors.notFound(
                "task " + taskId + " has no container \"" + container + "\""));
        if (row.getDockerId() == null) {
            throw ApiErrors.notFound("container \"" + container + "\" of task " + taskId + " was never created"
                    + (task.getStoppedReason() == null ? " (yet)" : ": " + task.getStoppedReason()));
        }
        DockerEngine engine = engines.engine(task.getContainerInstanceId()).orElseThrow(() -> new ResponseStatusException(
                HttpStatus.SERVICE_UNAVAILABLE, "the host of task " + taskId + " is not connected"));
        try {
            if (engine.inspect(row.getDockerId()).isEmpty()) {
                throw ApiErrors.notFound("container \"" + container + "\" of task " + taskId
                        + " was removed (stopped tasks' containers are kept for berth.reconciler.stopped-task-retention)");
            }
        } catch (EngineException e) {
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "the host of task " + taskId
                    + " did not answer: " + e.getMessage());
        }
        return new Source(engine, row.getDockerId());
    }

    private ResponseBodyEmitter emit(DockerEngine engine, String dockerId, String taskId, String container,
                                     LogRequest request, ConcurrencyCaps.Permit permit) {
        ResponseBodyEmitter emitter = new ResponseBodyEmitter((request.follow() ? FOLLOW_LIMIT : READ_LIMIT).toMillis());
        // The permit is released when the stream ends for any reason, and not only through the emitter's callbacks:
        // Spring registers those only once the emitter is handed to the container, and skips them when the stream
        // ended before (the engine sent it all at once) or the client hung up while its first lines were flushed.
        DockerEngine.Subscription subscription = engine.logs(dockerId, request,
                chunk -> {
                    try {
                        emitter.send(chunk.bytes(), MediaType.TEXT_PLAIN);
                    } catch (IOException e) {
                        permit.close();
                        throw new UncheckedIOException(e); // the client went away: ends the engine stream
                    } catch (RuntimeException e) {
                        permit.close();
                        throw e;
                    }
                },
                error -> {
                    permit.close();
                    if (error == null) {
                        emitter.complete();
                    } else {
                        log.info("log stream of task {} container {} ended: {}", taskId, container, error.getMessage());
                        emitter.completeWithError(error);
                    }
                });
        emitter.onTimeout(() -> {
            subscription.close();
            permit.close();
        });
        emitter.onError(e -> {
            subscription.close();
            permit.close();
        });
        emitter.onCompletion(() -> {
            subscription.close();
            permit.close();
        });
        return emitter;
    }

    private Instant since(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notAnInstant) {
            try {
                return clock.instant().minus(DurationText.parse(text));
            } catch (IllegalArgumentException e) {
                throw ApiErrors.badRequest("since must be an instant (2026-01-01T10:00:00Z) or a duration (10m), got \""
                        + text + "\"");
            }
        }
    }

    private static java.util.Optional<UUID> parse(String id) {
        try {
            return java.util.Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }
}
