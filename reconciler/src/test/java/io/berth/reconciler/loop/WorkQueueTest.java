package io.berth.reconciler.loop;

import io.berth.reconciler.testing.VirtualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class WorkQueueTest {

    final VirtualClock clock = new VirtualClock(Instant.parse("2026-01-01T00:00:00Z"));
    final WorkQueue<String> queue = new WorkQueue<>(clock);

    Optional<String> poll() {
        return queue.poll(clock.instant());
    }

    /** Everything ready now, each marked done at once. */
    List<String> drain() {
        List<String> keys = new ArrayList<>();
        for (Optional<String> k = poll(); k.isPresent(); k = poll()) {
            keys.add(k.get());
            queue.done(k.get());
        }
        return keys;
    }

    @Test
    void repeatedAddsAreProcessedOnceInFirstAddOrder() {
        queue.add("a");
        queue.add("b");
        queue.add("a");
        queue.add("a");

        assertThat(queue.depth()).isEqualTo(2);
        assertThat(drain()).containsExactly("a", "b");
        assertThat(queue.depth()).isZero();
    }

    @Test
    void aKeyIsNotHandedOutTwiceWhileProcessing() {
        queue.add("a");
        assertThat(poll()).contains("a");

        queue.add("a");
        assertThat(poll()).isEmpty();
        assertThat(queue.depth()).isEqualTo(1);
    }

    @Test
    void otherKeysAreHandedOutWhileOneIsProcessing() {
        queue.add("a");
        queue.add("b");
        assertThat(poll()).contains("a");
        queue.add("a");
        assertThat(poll()).contains("b");
        assertThat(poll()).isEmpty();
    }

    @Test
    void reAddDuringProcessingIsReadyAgainAfterDone() {
        queue.add("a");
        assertThat(poll()).contains("a");
        queue.add("a");
        queue.add("a");

        queue.done("a");

        assertThat(poll()).contains("a");
        queue.done("a");
        assertThat(poll()).isEmpty();
    }

    @Test
    void doneWithoutReAddLeavesNothing() {
        queue.add("a");
        assertThat(poll()).contains("a");
        queue.done("a");
        assertThat(poll()).isEmpty();
        assertThat(queue.depth()).isZero();
    }

    @Test
    void addAfterBecomesReadyOnlyWhenTheClockReachesIt() {
        queue.addAfter("a", Duration.ofSeconds(10));
        assertThat(queue.depth()).isZero();
        assertThat(queue.nextDue()).contains(clock.instant().plusSeconds(10));

        clock.advance(Duration.ofMillis(9999));
        assertThat(poll()).isEmpty();

        clock.advance(Duration.ofMillis(1));
        assertThat(poll()).contains("a");
        queue.done("a");
        assertThat(queue.nextDue()).isEmpty();
        clock.advance(Duration.ofHours(1));
        assertThat(poll()).isEmpty();
    }

    @Test
    void pollTakesTheInstantItIsGiven() {
        queue.addAfter("a", Duration.ofSeconds(10));
        Instant start = clock.instant();
        assertThat(queue.poll(start.plusSeconds(9))).isEmpty();
        assertThat(queue.poll(start.plusSeconds(10))).contains("a");
    }

    @Test
    void zeroOrNegativeDelayIsAPlainAdd() {
        queue.addAfter("a", Duration.ZERO);
        queue.addAfter("b", Duration.ofSeconds(-5));
        assertThat(drain()).containsExactly("a", "b");
    }

    @Test
    void aSoonerAddAfterSupersedesALaterOneWithoutAnExtraProcessing() {
        queue.addAfter("a", Duration.ofSeconds(10));
        queue.addAfter("a", Duration.ofSeconds(5));

        clock.advance(Duration.ofSeconds(5));
        assertThat(drain()).containsExactly("a");

        clock.advance(Duration.ofSeconds(5)); // the superseded 10 s entry is due now: it must be ignored
        assertThat(drain()).isEmpty();
        clock.advance(Duration.ofMinutes(1));
        assertThat(drain()).isEmpty();
    }

    @Test
    void aLaterAddAfterDoesNotPostponeASoonerOne() {
        queue.addAfter("a", Duration.ofSeconds(5));
        queue.addAfter("a", Duration.ofSeconds(10));

        clock.advance(Duration.ofSeconds(5));
        assertThat(drain()).containsExactly("a");
        clock.advance(Duration.ofSeconds(5));
        assertThat(drain()).isEmpty();
    }

    @Test
    void aNewAddAfterOnceTheOldOneFiredIsHonoured() {
        queue.addAfter("a", Duration.ofSeconds(5));
        clock.advance(Duration.ofSeconds(5));
        assertThat(drain()).containsExactly("a");

        queue.addAfter("a", Duration.ofSeconds(5));
        clock.advance(Duration.ofSeconds(4));
        assertThat(drain()).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(drain()).containsExactly("a");
    }

    @Test
    void aDueDelayedKeyJoinsAKeyAlreadyWaitingInsteadOfDuplicating() {
        queue.addAfter("a", Duration.ofSeconds(5));
        queue.add("a");
        clock.advance(Duration.ofSeconds(5));

        assertThat(drain()).containsExactly("a");
    }

    @Test
    void aDelayedKeyDueWhileProcessingRunsAgainAfterDone() {
        queue.add("a");
        queue.addAfter("a", Duration.ofSeconds(1));
        assertThat(poll()).contains("a");

        clock.advance(Duration.ofSeconds(1));
        assertThat(poll()).isEmpty(); // promoted, but "a" is still being processed
        assertThat(queue.depth()).isEqualTo(1);

        queue.done("a");
        assertThat(poll()).contains("a");
    }

    @Test
    void delayedKeysBecomeReadyInDueOrder() {
        queue.addAfter("late", Duration.ofSeconds(3));
        queue.addAfter("early", Duration.ofSeconds(1));
        queue.addAfter("middle", Duration.ofSeconds(2));
        queue.add("now");

        clock.advance(Duration.ofSeconds(3));
        assertThat(drain()).containsExactly("now", "early", "middle", "late");
    }

    @Test
    void depthCountsReadyAndReAddedButNotDelayed() {
        assertThat(queue.depth()).isZero();
        queue.add("a");
        queue.add("b");
        queue.addAfter("c", Duration.ofSeconds(1));
        assertThat(queue.depth()).isEqualTo(2);

        assertThat(poll()).contains("a");
        assertThat(queue.depth()).isEqualTo(1);
        queue.add("a"); // re-added while processing
        assertThat(queue.depth()).isEqualTo(2);
    }

    @Test
    void afterShutdownAddsAreIgnoredAndTakeReturnsEmpty() throws InterruptedException {
        queue.shutdown();
        queue.add("a");
        assertThat(poll()).isEmpty();
        assertThat(queue.take(Duration.ZERO)).isEmpty();
    }

    @Test
    void takeReturnsAReadyKeyWithoutWaiting() throws InterruptedException {
        queue.add("a");
        assertThat(queue.take(Duration.ZERO)).contains("a");
    }
}
