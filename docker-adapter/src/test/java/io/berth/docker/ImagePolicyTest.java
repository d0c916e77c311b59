package io.berth.docker;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImagePolicyTest {

    /** Engine side: which images are local, whether the registry answers, and every pull attempted. */
    private static final class Ops implements ImagePolicy.ImageOps {
        final Set<String> local = new HashSet<>();
        final List<String> pulls = java.util.Collections.synchronizedList(new ArrayList<>());
        volatile boolean registryUp;
        volatile boolean engineUp = true;
        /** When set, a pull waits for it: the test decides when a pull under way ends. */
        volatile java.util.concurrent.CountDownLatch pullGate;

        @Override
        public boolean present(String image) {
            return local.contains(image);
        }

        @Override
        public void pull(String image, RegistryAuth auth) {
            pulls.add(image);
            java.util.concurrent.CountDownLatch gate = pullGate;
            if (gate != null) {
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            if (!engineUp) throw new EngineException(EngineException.Kind.UNREACHABLE, "engine down", null);
            if (!registryUp) throw new EngineException(EngineException.Kind.OTHER, "pull " + image + ": no such host", null);
            local.add(image);
        }
    }

    private static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }

    private final Ops ops = new Ops();
    private final MutableClock clock = new MutableClock();
    private final ImagePolicy policy = new ImagePolicy(ops, Duration.ofSeconds(30), clock);

    @Test
    void defaultPullsAndFallsBackToTheCachedImage() {
        ops.local.add("busybox:1.36");

        ImageResult r = policy.ensure("busybox:1.36", PullPolicy.DEFAULT);

        assertThat(r.available()).isTrue();
        assertThat(r.pulled()).isFalse();
        assertThat(r.message()).startsWith("pull of busybox:1.36 failed: ").endsWith("; using cached image");
        assertThat(ops.pulls).containsExactly("busybox:1.36");
    }

    @Test
    void defaultWithoutCachedImageIsUnavailableWithAClearMessage() {
        ImageResult r = policy.ensure("busybox:9.9", PullPolicy.DEFAULT);

        assertThat(r.available()).isFalse();
        assertThat(r.message()).startsWith("image busybox:9.9 not found locally and pull failed: ");
    }

    @Test
    void aLaunchAskingWhileAPullOfTheImageIsUnderWayJoinsItInsteadOfPullingAgain() throws Exception {
        ops.registryUp = true;
        ops.pullGate = new java.util.concurrent.CountDownLatch(1);
        var first = java.util.concurrent.CompletableFuture.supplyAsync(() -> policy.ensure("web:2", PullPolicy.DEFAULT));
        awaitCondition(() -> ops.pulls.size() == 1); // the first launch's pull is under way
        var waiting = new java.util.concurrent.atomic.AtomicReference<ImageResult>();
        Thread second = Thread.ofPlatform().start(() -> waiting.set(policy.ensure("web:2", PullPolicy.DEFAULT)));
        awaitCondition(() -> second.getState() == Thread.State.WAITING); // it asked, and waits for the pull

        ops.pullGate.countDown();
        second.join(java.time.Duration.ofSeconds(30));

        assertThat(first.get().pulled()).isTrue();
        assertThat(waiting.get().available()).isTrue();
        assertThat(waiting.get().pulled()).isTrue();
        assertThat(waiting.get().message()).contains("joined a pull");
        assertThat(ops.pulls).as("one pull for both launches").containsExactly("web:2");

        ops.pullGate = null;
        assertThat(policy.ensure("web:2", PullPolicy.DEFAULT).message()).as("asked after it ended: a pull of its own")
                .isEqualTo("pulled web:2");
        assertThat(ops.pulls).hasSize(2);
    }

    /** Bounded wait for another thread to reach a state (fails rather than hangs); no fixed sleep. */
    private static void awaitCondition(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached within 30 s");
            }
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(1).toNanos());
        }
    }

    @Test
    void failedPullIsNotRetriedDuringTheBackoff() {
        ops.local.add("busybox:1.36");
        policy.ensure("busybox:1.36", PullPolicy.DEFAULT);
        clock.now = clock.now.plusSeconds(10);

        ImageResult second = policy.ensure("busybox:1.36", PullPolicy.DEFAULT);

        assertThat(second.available()).isTrue();
        assertThat(second.message()).contains("not retried: last pull failed 10s ago");
        assertThat(ops.pulls).hasSize(1);

        clock.now = clock.now.plusSeconds(21);
        ops.registryUp = true;
        ImageResult third = policy.ensure("busybox:1.36", PullPolicy.DEFAULT);
        assertThat(third.pulled()).isTrue();
        assertThat(ops.pulls).hasSize(2);
    }

    @Test
    void aPullRefusedForOneCredentialDoesNotHoldBackAPullWithAnother() {
        RegistryAuth wrong = new RegistryAuth("127.0.0.1:5391", "bot", "wrong");
        RegistryAuth right = new RegistryAuth("127.0.0.1:5391", "bot", "right");
        assertThat(policy.ensure("127.0.0.1:5391/app:1", PullPolicy.DEFAULT, wrong).available()).isFalse();
        ops.registryUp = true; // stands for: the registry accepts the right password

        assertThat(policy.ensure("127.0.0.1:5391/app:1", PullPolicy.DEFAULT, right).pulled()).isTrue();
        assertThat(ops.pulls).hasSize(2);
    }

    @Test
    void alwaysFailsOnAFailedPullEvenWithACachedImage() {
        ops.local.add("busybox:1.36");

        ImageResult r = policy.ensure("busybox:1.36", PullPolicy.ALWAYS);

        assertThat(r.available()).isFalse();
        assertThat(r.message()).startsWith("pull of busybox:1.36 failed: ");
    }

    @Test
    void preferCachedDoesNotPullAPresentImage() {
        ops.local.add("busybox:1.36");

        ImageResult r = policy.ensure("busybox:1.36", PullPolicy.PREFER_CACHED);

        assertThat(r).isEqualTo(new ImageResult(true, false, "using cached image busybox:1.36"));
        assertThat(ops.pulls).isEmpty();
    }

    @Test
    void preferCachedPullsAnAbsentImage() {
        ops.registryUp = true;

        assertThat(policy.ensure("app:2", PullPolicy.PREFER_CACHED).pulled()).isTrue();
        assertThat(ops.pulls).containsExactly("app:2");
    }

    @Test
    void oncePullsTheFirstTimeOnly() {
        ops.registryUp = true;

        assertThat(policy.ensure("app:1", PullPolicy.ONCE).pulled()).isTrue();
        ImageResult second = policy.ensure("app:1", PullPolicy.ONCE);

        assertThat(second.available()).isTrue();
        assertThat(second.pulled()).isFalse();
        assertThat(ops.pulls).containsExactly("app:1");
    }

    @Test
    void onceRemembersACachedImageWhenThePullFailed() {
        ops.local.add("app:1");
        policy.ensure("app:1", PullPolicy.ONCE);
        clock.now = clock.now.plusSeconds(3600); // long after the failure backoff

        assertThat(policy.ensure("app:1", PullPolicy.ONCE).available()).isTrue();
        assertThat(ops.pulls).hasSize(1);
    }

    @Test
    void onceRepullsWhenTheImageWasRemoved() {
        ops.registryUp = true;
        policy.ensure("app:1", PullPolicy.ONCE);
        ops.local.remove("app:1");

        assertThat(policy.ensure("app:1", PullPolicy.ONCE).pulled()).isTrue();
        assertThat(ops.pulls).hasSize(2);
    }

    @Test
    void anUnreachableEngineIsAnErrorNotAnImageDecision() {
        ops.engineUp = false;

        assertThatThrownBy(() -> policy.ensure("app:1", PullPolicy.DEFAULT))
                .isInstanceOfSatisfying(EngineException.class, e -> assertThat(e.kind()).isEqualTo(EngineException.Kind.UNREACHABLE));
    }

    @Test
    void imageReferencesSplitLikeThePullApi() {
        assertThat(ImageRef.parse("busybox")).isEqualTo(new ImageRef("busybox", "latest"));
        assertThat(ImageRef.parse("busybox:1.36")).isEqualTo(new ImageRef("busybox", "1.36"));
        assertThat(ImageRef.parse("localhost:5000/team/app")).isEqualTo(new ImageRef("localhost:5000/team/app", "latest"));
        assertThat(ImageRef.parse("localhost:5000/app:2")).isEqualTo(new ImageRef("localhost:5000/app", "2"));
        assertThat(ImageRef.parse("app@sha256:abc")).isEqualTo(new ImageRef("app", "sha256:abc"));
    }
}
