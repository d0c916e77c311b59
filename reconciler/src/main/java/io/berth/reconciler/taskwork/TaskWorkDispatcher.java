package io.berth.reconciler.taskwork;

import io.berth.reconciler.hosts.EngineRegistry;
import io.berth.reconciler.model.Task;
import io.berth.reconciler.store.StateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Runs the Docker work of a pass (launches, stops) on the I/O executor, one piece per task, and keeps which tasks
 * have work under way: a task stays in flight until its work ends, and no pass starts more work on it meanwhile.
 * The caller decides whether to wait: the service pass does not (the end of the work wakes its service), the
 * one-off pass waits a bounded time ({@link #awaitAtMost}).
 */
public final class TaskWorkDispatcher {

    private static final Logger log = LoggerFactory.getLogger(TaskWorkDispatcher.class);

    private final StateStore store;
    private final EngineRegistry engines;
    private final Clock clock;
    private final Executor io;
    private final WorkInFlight inFlight = new WorkInFlight();

    TaskWorkDispatcher(StateStore store, EngineRegistry engines, Clock clock, Executor io) {
        this.store = store;
        this.engines = engines;
        this.clock = clock;
        this.io = io;
    }

    /**
     * One piece of Docker work on a task.
     *
     * @param launch whether it launches the task (the task is written PENDING before it starts)
     * @param work   does the work; returns whether its outcome is news the owner's next pass must see
     */
    public record Job(Task task, boolean launch, BooleanSupplier work) {
    }

    /**
     * Starts the jobs whose task has no work under way. The intent first, for all launches in one commit, and only
     * for tasks whose host has an engine client (without one nothing is launched and the task stays as it is):
     * launches that each wrote their own before their first Docker call queued for the connection pool (20 launches:
     * 0.3 to 2.7 s on the 2-core machine).
     *
     * @param owner what the work is counted under: the end of the owner's last piece of work calls {@code wake}
     *              when any of it had news (see {@link WorkInFlight})
     * @return each started job's completion (its news), in order; a job that fails completes exceptionally
     */
    public List<CompletableFuture<Boolean>> start(UUID owner, List<Job> jobs, Consumer<UUID> wake) {
        List<Job> claimed = new ArrayList<>();
        List<UUID> launching = new ArrayList<>();
        for (Job job : jobs) {
            if (inFlight.claim(job.task().id())) {
                claimed.add(job);
                if (job.launch() && engines.engine(job.task().instanceId()).isPresent()) {
                    launching.add(job.task().id());
                }
            }
        }
        try {
            store.markPending(launching, clock.instant());
        } catch (RuntimeException e) {
            claimed.forEach(j -> inFlight.release(j.task().id()));
            throw e;
        }
        List<CompletableFuture<Boolean>> started = new ArrayList<>();
        for (Job job : claimed) {
            started.add(dispatch(owner, job, wake));
        }
        return started;
    }

    private CompletableFuture<Boolean> dispatch(UUID owner, Job job, Consumer<UUID> wake) {
        UUID taskId = job.task().id();
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        inFlight.started(owner);
        io.execute(() -> {
            boolean news = true;
            Throwable failure = null;
            try {
                news = job.work().getAsBoolean();
            } catch (RuntimeException e) {
                failure = e; // the caller's to report: it waits on the completion, or made its job catch it
            } catch (Error e) {
                failure = e;
                throw e;
            } finally {
                // Not in flight any more before anyone hears that the work ended.
                boolean wakeNow = inFlight.taskFinished(owner, taskId, news);
                if (failure == null) {
                    done.complete(news);
                } else {
                    done.completeExceptionally(failure);
                }
                if (wakeNow) {
                    wake.accept(owner);
                }
            }
        });
        return done;
    }

    /**
     * Waits at most {@code bound} for started work, so that a host that stops answering cannot hold the caller.
     * Work still running carries on and records its own result; until it ends its task is in flight.
     *
     * @return whether the work finished within the bound
     * @throws IllegalStateException when the work failed
     */
    public static boolean awaitAtMost(CompletableFuture<Boolean> work, Duration bound, UUID taskId) {
        try {
            work.get(bound.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            log.info("task {}: Docker work still running after {}; it goes on in the background", taskId, bound);
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("acting on task " + taskId + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Whether the task's launch or stop is under way (possibly started by an earlier pass). */
    public boolean busy(UUID taskId) {
        return inFlight.busy(taskId);
    }

    /**
     * Takes an engine event of a task whose work is under way: the end of that work wakes its owner at once.
     *
     * @return false when the task's work is not under way: the event must wake the owner itself
     */
    public boolean absorbEvent(UUID taskId) {
        return inFlight.absorbEvent(taskId);
    }
}
