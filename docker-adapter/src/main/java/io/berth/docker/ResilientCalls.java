package io.berth.docker;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * The resilience policy of one engine: one circuit breaker for every call, retries with exponential backoff for
 * idempotent calls, and a time limit for calls the HTTP response timeout cannot bound.
 *
 * <p>Only engine-health failures (unreachable, timeout) count against the breaker and are retried: a 404 or 409 is a
 * healthy engine giving a definite answer, and retrying it would change nothing.
 */
final class ResilientCalls implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ResilientCalls.class);
    private static final Set<EngineException.Kind> TRANSIENT =
            Set.of(EngineException.Kind.UNREACHABLE, EngineException.Kind.TIMEOUT);

    private final String engine;
    private final CircuitBreaker breaker;
    private final Retry retry;
    /** For time-limited calls: a call that hit its deadline is likely still running on the engine; don't pile on. */
    private final Retry retryUnreachableOnly;
    // Virtual threads: a timed-out call may stay blocked in a socket read until the transport gives up.
    private final ExecutorService limiterExecutor = Executors.newVirtualThreadPerTaskExecutor();

    ResilientCalls(String engine, EngineConfig.RetrySettings retrySettings, EngineConfig.BreakerSettings breakerSettings) {
        this.engine = engine;
        this.breaker = CircuitBreaker.of("docker-" + engine, CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(breakerSettings.slidingWindowSize())
                .minimumNumberOfCalls(breakerSettings.minimumCalls())
                .failureRateThreshold(breakerSettings.failureRatePercent())
                .waitDurationInOpenState(breakerSettings.openDuration())
                .permittedNumberOfCallsInHalfOpenState(breakerSettings.halfOpenCalls())
                .recordException(ResilientCalls::isTransient)
                // A stop legitimately lasts its whole grace period: slowness is bounded by our timeouts instead.
                .slowCallDurationThreshold(Duration.ofDays(1))
                .build());
        this.retry = retry("docker-" + engine, retrySettings, ResilientCalls::isTransient);
        this.retryUnreachableOnly = retry("docker-" + engine + "-limited", retrySettings,
                t -> t instanceof EngineException e && e.kind() == EngineException.Kind.UNREACHABLE);
        breaker.getEventPublisher().onStateTransition(e ->
                log.warn("engine {}: circuit breaker {}", engine, e.getStateTransition()));
    }

    private Retry retry(String name, EngineConfig.RetrySettings settings, java.util.function.Predicate<Throwable> retryOn) {
        Retry r = Retry.of(name, RetryConfig.custom()
                .maxAttempts(settings.maxAttempts())
                .intervalFunction(IntervalFunction.ofExponentialBackoff(
                        settings.initialBackoff(), settings.multiplier(), settings.maxBackoff()))
                .retryOnException(retryOn)
                .build());
        r.getEventPublisher().onRetry(e ->
                log.debug("engine {}: retry {} of {} after {}: {}", engine, e.getNumberOfRetryAttempts(),
                        e.getName(), e.getWaitInterval(), e.getLastThrowable() == null ? "?" : e.getLastThrowable().getMessage()));
        return r;
    }

    static boolean isTransient(Throwable t) {
        return t instanceof EngineException e && TRANSIENT.contains(e.kind());
    }

    /**
     * A probe reached the engine: close an open breaker now rather than after its wait. Otherwise the first
     * call after a healed partition, made on a connection the partition broke, fails and reopens it for
     * another wait, and a host that is back looks down for a minute.
     */
    void probeSucceeded() {
        if (breaker.getState() != CircuitBreaker.State.CLOSED) {
            breaker.transitionToClosedState();
        }
    }

    CircuitBreaker.State breakerState() {
        return breaker.getState();
    }

    /** Safe to repeat: retried on transient failures. */
    <T> T idempotent(String operation, Supplier<T> call) {
        return idempotent(operation, retry, call);
    }

    private <T> T idempotent(String operation, Retry policy, Supplier<T> call) {
        Supplier<T> guarded = CircuitBreaker.decorateSupplier(breaker, translated(operation, call));
        return run(operation, Retry.decorateSupplier(policy, guarded));
    }

    /** Not safe to repeat: one attempt, still guarded by the breaker. */
    <T> T once(String operation, Supplier<T> call) {
        return run(operation, CircuitBreaker.decorateSupplier(breaker, translated(operation, call)));
    }

    /**
     * For calls on the streaming client (no HTTP response timeout): bounded by {@code limit}. The caller's thread is
     * released at the deadline with a TIMEOUT; the abandoned request ends when the engine answers. Retried only
     * when the engine was unreachable: after a timeout the engine is probably still working on the request.
     */
    <T> T limited(String operation, Duration limit, Supplier<T> call) {
        TimeLimiter limiter = TimeLimiter.of("docker-" + engine + "-" + operation, TimeLimiterConfig.custom().timeoutDuration(limit).cancelRunningFuture(true).build());
        return idempotent(operation, retryUnreachableOnly, () -> {
            try {
                return limiter.executeFutureSupplier(() -> (Future<T>) limiterExecutor.submit(call::get));
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new RuntimeException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EngineException(EngineException.Kind.TIMEOUT, operation + ": interrupted", e);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                // TimeLimiter signals the deadline with java.util.concurrent.TimeoutException.
                throw EngineErrors.translate(operation + " (limit " + limit + ")", e);
            }
        });
    }

    private <T> Supplier<T> translated(String operation, Supplier<T> call) {
        return () -> {
            try {
                return call.get();
            } catch (RuntimeException e) {
                EngineException translated = EngineErrors.translate(operation + " on " + engine, e);
                if (isTransient(translated)) {
                    log.debug("{}", translated.getMessage());
                }
                throw translated;
            }
        };
    }

    /**
     * For optional readings (stats): bounded by {@code limit}, tried once, and not counted by the circuit breaker —
     * a slow reading on a busy engine must not make the engine look sick to the control loop. Refused at once while
     * the breaker is open, so that a sick engine is not asked for more.
     */
    <T> T unguarded(String operation, Duration limit, Supplier<T> call) {
        if (breaker.getState() == CircuitBreaker.State.OPEN || breaker.getState() == CircuitBreaker.State.FORCED_OPEN) {
            throw new EngineException(EngineException.Kind.CIRCUIT_OPEN, operation + " on " + engine
                    + ": circuit breaker open", null);
        }
        Future<T> future = limiterExecutor.submit(call::get);
        try {
            return future.get(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            future.cancel(true);
            throw new EngineException(EngineException.Kind.TIMEOUT, operation + " on " + engine + " (limit " + limit
                    + ")", e);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new EngineException(EngineException.Kind.TIMEOUT, operation + ": interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw EngineErrors.translate(operation + " on " + engine, cause);
        }
    }

    private <T> T run(String operation, Supplier<T> decorated) {
        try {
            return decorated.get();
        } catch (RuntimeException e) {
            EngineException failure = EngineErrors.translate(operation + " on " + engine, e);
            if (failure.kind() == EngineException.Kind.CIRCUIT_OPEN || isTransient(failure)) {
                log.warn("{}", failure.getMessage());
            }
            throw failure;
        }
    }

    @Override
    public void close() {
        limiterExecutor.shutdownNow();
    }
}
