package io.berth.app.api.fuzz;

import io.berth.db.model.ContainerInstanceEntity;
import io.berth.db.model.InstanceStatus;
import io.berth.db.model.LastStatus;
import io.berth.db.model.TaskEntity;
import io.berth.db.repository.ContainerInstanceRepository;
import io.berth.db.repository.TaskRepository;
import io.berth.db.model.TaskDefinitionId;
import io.berth.docker.FakeDockerEngine;
import io.berth.docker.SpecBuilder;
import io.berth.reconciler.hosts.EngineRegistry;

import io.berth.docker.DockerEngine;
import io.berth.docker.LogChunk;
import io.berth.docker.LogRequest;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A running task whose container writes lines, so that followed logs stream for real: a fake engine registered
 * for a host of its own (INACTIVE, so nothing connects or places on it), a task row on it with one container
 * "app", and a writer thread that adds a line every {@link #EVERY_MS} ms. The steady output is also how the server
 * notices a follower that went away (its next write fails) and frees its follow permit.
 *
 * <p>Like a real engine, and unlike the bare fake (which delivers to all followers in one loop), each log stream
 * is on its own: a consumer that throws (the server's, once its client hung up) ends that stream only. The
 * engine streams that have not ended are counted, so that the test can check a client that hangs up leaves none
 * behind.
 */
final class FuzzLogs implements AutoCloseable {

    static final String LINE_PREFIX = "fuzz log line ";
    private static final long EVERY_MS = 50;

    private final EngineRegistry engines;
    private final UUID instanceId;
    private final UUID taskId;
    private final Thread writer;
    private final AtomicInteger openStreams = new AtomicInteger();

    FuzzLogs(String cluster, TaskDefinitionId taskDefinition, ContainerInstanceRepository instances,
             TaskRepository tasks, EngineRegistry engines) {
        this.engines = engines;
        FakeDockerEngine engine = new FakeDockerEngine("fuzz-logs");
        String container = engine.create(SpecBuilder.image("busybox:1.36").name("fuzz-logs-app").build());
        engine.start(container);
        AtomicInteger lines = new AtomicInteger();
        for (int i = 0; i < 20; i++) {
            engine.writeOutput(container, i % 3 == 0, LINE_PREFIX + lines.incrementAndGet());
        }
        ContainerInstanceEntity host = new ContainerInstanceEntity(cluster, "tcp://198.18.0.251:2376", 2048, 4096);
        host.setStatus(InstanceStatus.INACTIVE);
        instanceId = instances.saveAndFlush(host).getId();
        engines.register(instanceId, separateStreams(engine));
        TaskEntity task = new TaskEntity(cluster, taskDefinition, 0, 64);
        task.setContainerInstanceId(instanceId);
        task.setLastStatus(LastStatus.RUNNING);
        task.addContainer("app").setDockerId(container);
        taskId = tasks.saveAndFlush(task).getId();
        writer = Thread.ofPlatform().daemon().name("fuzz-log-writer").start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(EVERY_MS);
                    engine.writeOutput(container, false, LINE_PREFIX + lines.incrementAndGet());
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    // a follower that went away: the server ends its stream; the others get the next line
                }
            }
        });
    }

    UUID taskId() {
        return taskId;
    }

    /** Engine log streams that have not ended: neither closed by the server nor ended by their reader or the engine. */
    int openStreams() {
        return openStreams.get();
    }

    private DockerEngine separateStreams(FakeDockerEngine fake) {
        return (DockerEngine) Proxy.newProxyInstance(DockerEngine.class.getClassLoader(), new Class<?>[]{DockerEngine.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("logs")) {
                        try {
                            return method.invoke(fake, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    }
                    return logs(fake, (String) args[0], (LogRequest) args[1], cast(args[2]), cast(args[3]));
                });
    }

    /**
     * Like the real engine's log stream: a consumer that throws ends the stream, without calling onEnd. A stream
     * counts as open until it ends that way, or the engine ends it (onEnd), or the server closes it.
     */
    private DockerEngine.Subscription logs(FakeDockerEngine fake, String container, LogRequest request,
                                           Consumer<LogChunk> onChunk, Consumer<Throwable> onEnd) {
        AtomicBoolean delivering = new AtomicBoolean(true);
        AtomicBoolean ended = new AtomicBoolean();
        openStreams.incrementAndGet();
        Runnable end = () -> {
            delivering.set(false);
            if (ended.compareAndSet(false, true)) {
                openStreams.decrementAndGet();
            }
        };
        DockerEngine.Subscription inner = fake.logs(container, request, chunk -> {
            if (delivering.get()) {
                try {
                    onChunk.accept(chunk);
                } catch (RuntimeException e) {
                    end.run(); // the reader is gone: this stream stops, the others go on
                }
            }
        }, error -> {
            if (delivering.get()) {
                end.run();
                onEnd.accept(error);
            }
        });
        return () -> {
            end.run();
            inner.close();
        };
    }

    @SuppressWarnings("unchecked")
    private static <T> Consumer<T> cast(Object consumer) {
        return (Consumer<T>) consumer;
    }

    @Override
    public void close() throws InterruptedException {
        writer.interrupt();
        writer.join(5_000);
        engines.unregister(instanceId);
    }
}
