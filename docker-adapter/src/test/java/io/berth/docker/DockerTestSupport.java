package io.berth.docker;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Shared pieces of the tests that talk to the real local engine (tagged "docker"). */
final class DockerTestSupport {

    static final String IMAGE = "busybox:1.36";
    static final String TEST_LABEL = "berth.test";
    /** This module's value of the label: its cleanup must not remove other modules' test containers (PostgreSQL). */
    static final String TEST_LABEL_VALUE = "docker-adapter";
    static final Map<String, String> ALL_TEST_CONTAINERS = Map.of(TEST_LABEL, TEST_LABEL_VALUE);

    private DockerTestSupport() {
    }

    static DockerEngine localEngine() {
        return DockerEngines.connect(EngineConfig.of(EngineConfig.LOCAL_ENDPOINT));
    }

    /** A spec labelled berth.test=docker-adapter plus a per-test case label, so tests find only their own containers. */
    static SpecBuilder testSpec(String caseId) {
        return SpecBuilder.image(IMAGE).name("berth-test-" + caseId + "-" + UUID.randomUUID().toString().substring(0, 8))
                .label(TEST_LABEL, TEST_LABEL_VALUE).label("berth.case", caseId);
    }

    static String newCaseId() {
        return UUID.randomUUID().toString().substring(0, 12);
    }

    /** Removes every container labelled berth.test=docker-adapter (also leftovers of a killed earlier run). */
    static void removeTestContainers(DockerEngine engine) {
        engine.list(ALL_TEST_CONTAINERS).forEach(c -> engine.remove(c.id()));
    }

    /** Bounded polling: returns as soon as {@code condition} holds, fails after {@code limit}. */
    static void await(Duration limit, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + limit + " waiting for " + what);
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }
}
