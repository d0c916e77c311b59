package io.berth.docker;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@link PullPolicy} semantics over two primitive operations, so the policy is unit-testable without an engine.
 *
 * <ul>
 *   <li>DEFAULT: pull; on failure use the cached image if present.</li>
 *   <li>ALWAYS: pull; a failed pull is a failure.</li>
 *   <li>ONCE: pull the first time this engine sees the image (falling back to a cached copy if that pull fails);
 *       afterwards the cached image is used as long as it is present.</li>
 *   <li>PREFER_CACHED: use the cached image; pull only when absent.</li>
 * </ul>
 *
 * <p>Pull-failure backoff: when a pull of an image fails, further pulls of the same image are skipped for
 * {@code failureBackoff}; the remembered failure is used instead (DEFAULT/ONCE then take the cached copy). Without
 * it, DEFAULT would pay a failing registry round trip on every launch while the registry is down.
 *
 * <p>Concurrent calls for one image are serialised, and a call that was waiting while a pull of the same image (and
 * credentials) succeeded takes that pull as its own instead of pulling again — as the Docker engine itself joins a
 * pull of a reference already in progress. Without it, a rollout of ten tasks of one image pulled ten times, one
 * after the other, each a registry round trip. A call made after a pull finished still pulls (DEFAULT and ALWAYS
 * mean a pull per launch, as in ECS).
 */
final class ImagePolicy {

    private static final Logger log = LoggerFactory.getLogger(ImagePolicy.class);

    /** The engine side: is the image local, and pull it (throws {@link EngineException} on failure). */
    interface ImageOps {
        boolean present(String image);

        /** @param auth registry credentials, null = anonymous */
        void pull(String image, RegistryAuth auth);
    }

    private record Failure(Instant at, String reason) {
    }

    /**
     * A failure is remembered per image <em>and</em> credentials: a pull refused for a wrong password must not stop a
     * pull of the same image with the right one (a fixed credential, or another task definition's). Successes are
     * counted the same way, so a waiting call joins only a pull made with its own credentials.
     */
    private record PullKey(String image, RegistryAuth auth) {
    }

    private final ImageOps ops;
    private final Duration failureBackoff;
    private final Clock clock;
    private final Set<String> seenOnce = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<PullKey, Failure> recentFailures = new ConcurrentHashMap<>();
    /** Successful pulls so far, per image and credentials: a call compares before and after waiting for the lock. */
    private final ConcurrentHashMap<PullKey, AtomicLong> successes = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    ImagePolicy(ImageOps ops, Duration failureBackoff, Clock clock) {
        this.ops = ops;
        this.failureBackoff = failureBackoff;
        this.clock = clock;
    }

    ImageResult ensure(String image, PullPolicy policy) {
        return ensure(image, policy, null);
    }

    ImageResult ensure(String image, PullPolicy policy, RegistryAuth auth) {
        PullKey key = new PullKey(image, auth);
        long successesBefore = successes(key).get(); // read before waiting: what succeeds meanwhile is joined
        ReentrantLock lock = locks.computeIfAbsent(image, k -> new ReentrantLock());
        lock.lock();
        try {
            if (policy != PullPolicy.PREFER_CACHED && successes(key).get() > successesBefore) {
                if (policy == PullPolicy.ONCE) {
                    seenOnce.add(image);
                }
                return new ImageResult(true, true, "pulled " + image + " (joined a pull under way when asked)");
            }
            return switch (policy) {
                case DEFAULT -> pullOrCached(image, auth);
                case ALWAYS -> {
                    String failure = pull(image, auth);
                    yield failure == null ? pulled(image)
                            : new ImageResult(false, false, "pull of " + image + " failed: " + failure);
                }
                case ONCE -> {
                    if (seenOnce.contains(image) && ops.present(image)) {
                        yield new ImageResult(true, false, "using cached image " + image + " (pull policy ONCE)");
                    }
                    ImageResult result = pullOrCached(image, auth);
                    if (result.available()) seenOnce.add(image);
                    yield result;
                }
                case PREFER_CACHED -> {
                    if (ops.present(image)) {
                        yield new ImageResult(true, false, "using cached image " + image);
                    }
                    String failure = pull(image, auth);
                    yield failure == null ? pulled(image) : notFound(image, failure);
                }
            };
        } finally {
            lock.unlock();
        }
    }

    private ImageResult pullOrCached(String image, RegistryAuth auth) {
        String failure = pull(image, auth);
        if (failure == null) {
            return pulled(image);
        }
        if (ops.present(image)) {
            return new ImageResult(true, false, "pull of " + image + " failed: " + failure + "; using cached image");
        }
        return notFound(image, failure);
    }

    /** Pulls unless a recent failure is remembered; returns null on success, else the reason. */
    private String pull(String image, RegistryAuth auth) {
        PullKey key = new PullKey(image, auth);
        Failure recent = recentFailures.get(key);
        Instant now = clock.instant();
        if (recent != null && now.isBefore(recent.at().plus(failureBackoff))) {
            long ago = Duration.between(recent.at(), now).toSeconds();
            return recent.reason() + " (not retried: last pull failed " + ago + "s ago)";
        }
        long started = System.nanoTime();
        try {
            ops.pull(image, auth);
            recentFailures.remove(key);
            successes(key).incrementAndGet();
            log.debug("pulled {} in {} ms", image, (System.nanoTime() - started) / 1_000_000);
            return null;
        } catch (EngineException e) {
            if (e.kind() == EngineException.Kind.CIRCUIT_OPEN || e.kind() == EngineException.Kind.UNREACHABLE) {
                throw e; // the engine itself is down: no image decision can be made
            }
            String reason = e.getMessage();
            log.warn("pull of {} failed after {} ms: {}", image, (System.nanoTime() - started) / 1_000_000, reason);
            if (!failureBackoff.isZero()) {
                recentFailures.put(key, new Failure(now, reason));
            }
            return reason;
        }
    }

    private AtomicLong successes(PullKey key) {
        return successes.computeIfAbsent(key, k -> new AtomicLong());
    }

    private static ImageResult pulled(String image) {
        return new ImageResult(true, true, "pulled " + image);
    }

    private static ImageResult notFound(String image, String failure) {
        return new ImageResult(false, false, "image " + image + " not found locally and pull failed: " + failure);
    }
}
