package io.berth.docker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test helper: readable {@link ContainerSpec}s. Shipped in the test-jar for other modules' tests. */
public final class SpecBuilder {

    private String name;
    private final String image;
    private List<String> command = List.of();
    private List<String> entrypoint = List.of();
    private final Map<String, String> env = new LinkedHashMap<>();
    private final Map<String, String> labels = new LinkedHashMap<>();
    private long cpuShares;
    private long memoryBytes;
    private long memoryReservationBytes;
    private final List<ContainerSpec.PortBinding> ports = new ArrayList<>();
    private ContainerSpec.HealthCheckSpec healthCheck;
    private boolean init;
    private Duration stopTimeout;
    private RuntimeOptions options = RuntimeOptions.NONE;

    private SpecBuilder(String image) {
        this.image = image;
    }

    public static SpecBuilder image(String image) {
        return new SpecBuilder(image);
    }

    public SpecBuilder name(String value) { name = value; return this; }

    public SpecBuilder cmd(String... value) { command = List.of(value); return this; }

    /** {@code sh -c script}. */
    public SpecBuilder sh(String script) { return cmd("sh", "-c", script); }

    public SpecBuilder entrypoint(String... value) { entrypoint = List.of(value); return this; }

    public SpecBuilder env(String key, String value) { env.put(key, value); return this; }

    public SpecBuilder label(String key, String value) { labels.put(key, value); return this; }

    public SpecBuilder labels(Map<String, String> values) { labels.putAll(values); return this; }

    public SpecBuilder cpuShares(long value) { cpuShares = value; return this; }

    public SpecBuilder memory(long bytes) { memoryBytes = bytes; return this; }

    public SpecBuilder memoryReservation(long bytes) { memoryReservationBytes = bytes; return this; }

    /** hostPort 0 = dynamic. */
    public SpecBuilder port(int containerPort, int hostPort, String protocol) {
        ports.add(new ContainerSpec.PortBinding(containerPort, hostPort, protocol));
        return this;
    }

    public SpecBuilder healthCheck(String shellTest, Duration interval, Duration timeout, int retries) {
        healthCheck = new ContainerSpec.HealthCheckSpec(List.of("CMD-SHELL", shellTest), interval, timeout, retries, Duration.ZERO);
        return this;
    }

    public SpecBuilder init(boolean value) { init = value; return this; }

    public SpecBuilder stopTimeout(Duration value) { stopTimeout = value; return this; }

    public SpecBuilder options(RuntimeOptions value) { options = value; return this; }

    public ContainerSpec build() {
        return new ContainerSpec(name, image, command, entrypoint, env, labels, cpuShares, memoryBytes,
                memoryReservationBytes, ports, healthCheck, init, stopTimeout, options);
    }
}
