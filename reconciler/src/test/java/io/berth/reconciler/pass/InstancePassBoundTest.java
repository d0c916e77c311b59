package io.berth.reconciler.pass;

import io.berth.docker.DockerEngine;
import io.berth.docker.FakeDockerEngine;
import io.berth.docker.SpecBuilder;
import io.berth.reconciler.model.ContainerLabels;
import io.berth.reconciler.hosts.EngineRegistry;
import io.berth.reconciler.hosts.InstanceHealth;
import io.berth.reconciler.model.ContainerInstance;
import io.berth.reconciler.testing.InMemoryStateStore;
import io.berth.reconciler.testing.VirtualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A link cut between the heartbeat's ping and the garbage collection's list leaves that list hanging for the
 * engine's response timeout. The instance pass must give up after its bound and count the host as failing —
 * otherwise no heartbeat runs for 30 s and the host's tasks are replaced late (seen as 35 s on the netns cluster).
 */
@Timeout(30) // without the bound the pass would wait on the hanging list forever: fail, do not hang
class InstancePassBoundTest {

    private static final UUID HOST = UUID.fromString("00000000-0000-0000-0000-0000000000aa");
    private final VirtualClock clock = new VirtualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final InMemoryStateStore store = new InMemoryStateStore();
    private final EngineRegistry engines = new EngineRegistry();
    private final InstanceHealth health = new InstanceHealth(clock, Duration.ofSeconds(10));
    private final ExecutorService io = Executors.newVirtualThreadPerTaskExecutor();
    private final CountDownLatch linkRestored = new CountDownLatch(1);
    private final AtomicInteger lists = new AtomicInteger();
    /** The link heals after the first list: that call keeps hanging on its dead connection, new ones answer. */
    private volatile boolean onlyTheFirstListHangs;
    private volatile boolean listsHang = true;
    /** Stopping a container that ignores SIGTERM takes its whole stop timeout: here until the test ends. */
    private final CountDownLatch stopTimeoutOver = new CountDownLatch(1);
    private final AtomicInteger stops = new AtomicInteger();
    private static final UUID INSTALLATION = UUID.fromString("00000000-0000-0000-0000-0000000000b1");

    @AfterEach
    void tearDown() {
        linkRestored.countDown();
        stopTimeoutOver.countDown();
        io.shutdownNow();
    }

    /** Answers pings at once; list calls hang until the link is restored, as on a cut link with a pooled connection. */
    private DockerEngine hangingList(FakeDockerEngine delegate) {
        return (DockerEngine) Proxy.newProxyInstance(DockerEngine.class.getClassLoader(), new Class<?>[]{DockerEngine.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("stop")) {
                        stops.incrementAndGet();
                        stopTimeoutOver.await();
                    }
                    if (method.getName().equals("list") && listsHang) {
                        int call = lists.incrementAndGet();
                        if (call == 1 || !onlyTheFirstListHangs) {
                            linkRestored.await();
                        }
                    }
                    try {
                        return method.invoke(delegate, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private InstancePass reconciler() {
        return reconciler(new FakeDockerEngine("h1").withClock(clock));
    }

    private InstancePass reconciler(FakeDockerEngine engine) {
        store.putInstance(new ContainerInstance(HOST, "default", "tcp://198.18.0.11:2376", "E1", "h1",
                ContainerInstance.InstanceStatus.ACTIVE, true, null, 4096, 8192, Map.of()));
        engines.register(HOST, hangingList(engine));
        return new InstancePass(store, engines, clock, Duration.ofMinutes(10), Duration.ofSeconds(10),
                INSTALLATION, health, io, Duration.ofMillis(100));
    }

    @Test
    void aSlowStopOfAStaleContainerIsNotASilentHost() {
        listsHang = false;
        FakeDockerEngine engine = new FakeDockerEngine("h1").withClock(clock);
        Map<String, String> labels = new java.util.HashMap<>(ContainerLabels.clusterFilter(INSTALLATION, "default"));
        labels.put(ContainerLabels.TASK_ID, UUID.randomUUID().toString()); // a task nobody knows: to be removed
        engine.start(engine.create(SpecBuilder.image("busybox:1.36").labels(labels).build()));
        InstancePass instances = reconciler(engine);

        for (int pass = 0; pass < 3; pass++) {
            assertThat(instances.reconcile(HOST)).isTrue();
        }

        assertThat(health.isFailing(HOST)).as("the host answered; only the container is slow to stop").isFalse();
        assertThat(stops.get()).as("stopped once, in the background, whatever passes run meanwhile").isEqualTo(1);
    }

    @Test
    void aHangingGarbageCollectionMakesTheHostFailingInsteadOfHoldingThePass() {
        InstancePass instances = reconciler();

        assertThat(instances.reconcile(HOST)).as("the pass returns: the host did not answer in time").isFalse();
        assertThat(health.isFailing(HOST)).isTrue();

        clock.advance(Duration.ofSeconds(11));
        assertThat(health.lost()).as("silent past the grace: lost, so its tasks can be replaced").contains(HOST);
    }

    @Test
    void hangingCollectionsDoNotPileUpBeyondTwoPerHost() {
        InstancePass instances = reconciler();
        for (int pass = 0; pass < 5; pass++) {
            instances.reconcile(HOST);
        }

        assertThat(lists.get()).as("a second may start beside a hung one (link healed), never more").isEqualTo(2);
    }

    @Test
    void aCollectionStartsBesideOneStillHangingFromBeforeTheLinkHealed() {
        InstancePass instances = reconciler();
        onlyTheFirstListHangs = true;
        instances.reconcile(HOST);              // hangs: the link was cut after the ping, then healed

        assertThat(instances.reconcile(HOST)).isTrue();
        assertThat(lists.get()).isEqualTo(2);
    }
}
