package io.berth.reconciler.loop;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Worker threads taking keys from the {@link WorkQueue} and running passes. A pass that throws anything, errors
 * included, is logged, counted and retried with per-key backoff, and its worker lives on; a pass that asks to be looked at again later is re-added with a delay.
 * {@link #process} runs one key on the caller's thread, which is how virtual-time tests drive the loop.
 *
 * <p>Every pass is bounded in time: a watchdog ({@link PassWatchdog}, checked by a thread of its own or by
 * {@link #checkOverruns} in tests) finds a pass running past the pass timeout, logs it with its key, reports it to
 * the observer and interrupts it; the pass then counts as failed and its key is retried with backoff. So that one
 * stuck key does not starve the others, the worker holding it is replaced by a fresh one (the stuck thread ends
 * after its pass returns) as long as no more passes are stuck than there are workers; at that point
 * {@link #passesStuck()} is true and health asks for a restart.
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
    private final PassWatchdog watchdog;
    /** Replaced, never changed: health reads it without waiting for a start or stop under way. */
    private volatile List<Thread> workers = List.of();
    /** Workers replaced while stuck in an overrun pass: each ends once that pass returns. */
    private final Set<Thread> retired = ConcurrentHashMap.newKeySet();
    private volatile int workerCount;
    private int replacements;
    /** The workers of one start: a worker of an earlier start still finishing its pass must not take more keys. */
    private volatile Object generation;
    private boolean closed;

    public ControlLoop(WorkQueue<ReconcileKey> queue, KeyReconciler reconciler) {
        this(queue, reconciler, LoopObserver.NONE);
    }

    public ControlLoop(WorkQueue<ReconcileKey> queue, KeyReconciler reconciler, LoopObserver observer) {
        this(queue, reconciler, observer, queue.clock(), DEFAULT_PASS_TIMEOUT);
    }

    /**
     * @param clock       what pass deadlines are measured on (the queue's clock in production)
     * @param passTimeout a pass still running this long after it began is interrupted and counted as failed
     */
    public ControlLoop(WorkQueue<ReconcileKey> queue, KeyReconciler reconciler, LoopObserver observer, Clock clock,
                       Duration passTimeout) {
        this.queue = queue;
        this.reconciler = reconciler;
        this.observer = observer;
        this.watchdog = new PassWatchdog(clock, passTimeout);
    }

    /** The pass timeout when none is given. */
    public static final Duration DEFAULT_PASS_TIMEOUT = Duration.ofSeconds(60);

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
            created.add(worker("berth-reconcile-" + i, current));
        }
        this.workerCount = workerCount;
        workers = List.copyOf(created);
        generation = current;
        queue.add(new ReconcileKey.Resync());
        created.forEach(Thread::start);
        Thread.ofPlatform().name("berth-pass-watchdog").daemon(true).start(() -> watch(current));
    }

    private Thread worker(String name, Object generation) {
        return Thread.ofPlatform().name(name).daemon(true).unstarted(() -> work(generation));
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

    /**
     * True while started and at least as many passes are stuck past their deadline as there are workers: the loop
     * has replaced as many workers as it will, and threads are held by passes that ignore interruption. Restart me.
     */
    public boolean passesStuck() {
        return generation != null && watchdog.stuck() >= Math.max(1, workerCount);
    }

    /** Passes running past their deadline that have not returned yet. */
    public int stuckPasses() {
        return watchdog.stuck();
    }

    /**
     * Looks for passes past their deadline now: logs, reports and interrupts each (once), and replaces the worker
     * it holds. The watchdog thread calls this; virtual-time tests call it after moving the clock.
     */
    public void checkOverruns() {
        for (PassWatchdog.Pass pass : watchdog.check()) {
            Duration running = Duration.between(pass.started(), queue.clock().instant());
            log.warn("pass for {} still running after {} ms (pass timeout {} ms) on {}: interrupted, to be retried "
                    + "with backoff", pass.key(), running.toMillis(), watchdog.timeout().toMillis(), pass.thread().getName());
            try {
                observer.passOverran(pass.key(), running);
            } catch (RuntimeException e) {
                log.warn("reporting the overrun of {} failed", pass.key(), e);
            }
            replace(pass.thread());
        }
    }

    /** A fresh worker for one stuck in a pass, while fewer passes are stuck than there are workers. */
    private synchronized void replace(Thread stuck) {
        Object current = generation;
        List<Thread> now = workers;
        if (current == null || !now.contains(stuck) || watchdog.stuck() > workerCount) {
            return;
        }
        Thread fresh = worker(stuck.getName().replaceFirst("(-r\\d+)?$", "") + "-r" + (++replacements), current);
        List<Thread> next = new ArrayList<>(now);
        next.set(now.indexOf(stuck), fresh);
        retired.add(stuck);
        workers = List.copyOf(next);
        fresh.start();
        log.warn("control loop worker {} replaced by {} while its pass is stuck", stuck.getName(), fresh.getName());
    }

    private void watch(Object mine) {
        long tick = Math.max(10, Math.min(1000, watchdog.timeout().toMillis() / 4));
        while (generation == mine) {
            try {
                Thread.sleep(tick);
                checkOverruns();
            } catch (InterruptedException e) {
                return;
            } catch (Throwable t) {
                log.error("pass watchdog survived an unexpected failure", t);
            }
        }
    }

    private void work(Object mine) {
        Thread me = Thread.currentThread();
        while (generation == mine && !retired.contains(me)) {
            try {
                queue.take(Duration.ofSeconds(1)).ifPresent(this::process);
            } catch (InterruptedException e) {
                // Nobody interrupts a worker but the watchdog, whose interruption is meant for a pass; stop() ends
                // workers through the generation instead. Go on.
                continue;
            } catch (Throwable t) {
                // process() already keeps a pass's own failures; this is the observer or the logger failing. A worker
                // that died here would leave the loop one thread short for good while health still says UP.
                log.error("control loop worker {} survived an unexpected failure", Thread.currentThread().getName(), t);
            }
        }
        retired.remove(me);
    }

    /** Runs the key on this thread: for tests and for {@link #work}. */
    public void process(ReconcileKey key) {
        long start = System.nanoTime(); // for the pass-duration metric only; decisions never read it
        boolean failed = false;
        PassLogContext logContext = PassLogContext.open(key); // closed last: the failure line carries it too
        PassWatchdog.Pass watched = watchdog.begin(key);
        try {
            Optional<Duration> again = reconciler.reconcile(key);
            if (watchdog.end(watched)) {
                // Whatever it did, it did too late (its news may be stale): like a failure, look again after a backoff.
                failed = true;
                Duration wait = errors.failed(key);
                log.warn("pass for {} returned after its deadline, retrying in {} ms", key, wait.toMillis());
                queue.addAfter(key, wait);
            } else {
                errors.succeeded(key);
                again.ifPresent(d -> queue.addAfter(key, d));
            }
        } catch (Exception | Error e) {
            // Errors too: a pass that overflows the stack on one hostile manifest (a deeply nested expression) or a
            // library's assertion must cost that key a backoff, not the worker thread running every other key.
            boolean overran = watchdog.end(watched);
            failed = true;
            Duration wait = errors.failed(key);
            log.warn("pass for {} failed{}, retrying in {} ms", key, overran ? " after its deadline" : "",
                    wait.toMillis(), e);
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
        retired.clear();
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
