package io.berth.reconciler.loop;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Worker threads taking keys from the {@link WorkQueue} and running passes. A pass that throws anything, errors
 * included, is logged, counted and retried with per-key backoff, and its worker lives on; a pass that asks to be looked at again later is re-added with a delay.
 * {@link #process} runs one key on the caller's thread, which is how virtual-time tests drive the loop.
 *
 * <p>{@link #stop} ends the workers but keeps the queue, so a Berth that stepped down as leader can {@link #start}
 * again later; stopping never touches a container. {@link #close} ends the queue too, for good.
 */
public final class ControlLoop implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ControlLoop.class);

    private final WorkQueue<ReconcileKey> queue;
    private final KeyReconciler reconciler;
    private final LoopObserver observer;
    private final ErrorBackoff errors = new ErrorBackoff();
    /** Replaced, never changed: health reads it without waiting for a start or stop under way. */
    private volatile List<Thread> workers = List.of();
    /** The workers of one start: a worker of an earlier start still finishing its pass must not take more keys. */
    private volatile Object generation;
    private boolean closed;

    public ControlLoop(WorkQueue<ReconcileKey> queue, KeyReconciler reconciler) {
        this(queue, reconciler, LoopObserver.NONE);
    }

    public ControlLoop(WorkQueue<ReconcileKey> queue, KeyReconciler reconciler, LoopObserver observer) {
        this.queue = queue;
        this.reconciler = reconciler;
        this.observer = observer;
    }

    public WorkQueue<ReconcileKey> queue() {
        return queue;
    }

    public synchronized void start(int workerCount) {
        if (generation != null || closed) { // closed: its queue hands out nothing, workers would spin
            return;
        }
        Object current = new Object();
        List<Thread> created = new ArrayList<>();
        for (int i = 0; i < workerCount; i++) {
            created.add(Thread.ofPlatform().name("berth-reconcile-" + i).daemon(true).unstarted(() -> work(current)));
        }
        workers = List.copyOf(created);
        generation = current;
        queue.add(new ReconcileKey.Resync());
        created.forEach(Thread::start);
    }

    /** Whether the workers run (started and not stopped since). */
    public boolean isRunning() {
        return generation != null;
    }

    /**
     * True while started and every worker thread is alive: a worker that died (it cannot through a pass's failure,
     * but the JVM may kill a thread) leaves its share of keys unprocessed, which health reports as "restart me".
     */
    public boolean workersAlive() {
        List<Thread> current = workers;
        // NEW: about to be started by start(), not dead
        return generation != null && !current.isEmpty()
                && current.stream().allMatch(t -> t.isAlive() || t.getState() == Thread.State.NEW);
    }

    private void work(Object mine) {
        while (generation == mine) {
            try {
                queue.take(Duration.ofSeconds(1)).ifPresent(this::process);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Throwable t) {
                // process() already keeps a pass's own failures; this is the observer or the logger failing. A worker
                // that died here would leave the loop one thread short for good while health still says UP.
                log.error("control loop worker {} survived an unexpected failure", Thread.currentThread().getName(), t);
            }
        }
    }

    /** Runs the key on this thread: for tests and for {@link #work}. */
    public void process(ReconcileKey key) {
        long start = System.nanoTime(); // for the pass-duration metric only; decisions never read it
        boolean failed = false;
        PassLogContext logContext = PassLogContext.open(key); // closed last: the failure line carries it too
        try {
            Optional<Duration> again = reconciler.reconcile(key);
            errors.succeeded(key);
            again.ifPresent(d -> queue.addAfter(key, d));
        } catch (Exception | Error e) {
            // Errors too: a pass that overflows the stack on one hostile manifest (a deeply nested expression) or a
            // library's assertion must cost that key a backoff, not the worker thread running every other key.
            failed = true;
            Duration wait = errors.failed(key);
            log.warn("pass for {} failed, retrying in {} ms", key, wait.toMillis(), e);
            queue.addAfter(key, wait);
        } finally {
            queue.done(key);
            observer.passFinished(key, Duration.ofNanos(System.nanoTime() - start), failed);
            logContext.close();
        }
    }

    /**
     * Ends the workers (each after its current pass, waiting up to 5 s for each) and keeps the queue for a later
     * {@link #start}. No container is stopped: what runs keeps running until a leader looks at it again.
     */
    public synchronized void stop() {
        generation = null;
        for (Thread t : workers) {
            try {
                t.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        workers = List.of();
    }

    @Override
    public synchronized void close() {
        closed = true;
        generation = null;
        queue.shutdown();
        stop();
    }
}
