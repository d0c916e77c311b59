package io.berth.docker;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Everything needed to create a container. Null / empty means "engine default".
 *
 * @param name            container name (unique on the engine), may be null
 * @param cpuShares       relative CPU weight (Docker --cpu-shares), 0 = default
 * @param memoryBytes     hard limit, 0 = none
 * @param memoryReservationBytes soft limit, 0 = none
 * @param init            run an init process as PID 1 so SIGTERM reaches the workload
 * @param stopTimeout     grace between SIGTERM and SIGKILL used by the engine, null = default
 * @param options         everything else (user, mounts, network, log driver...), never null
 */
public record ContainerSpec(
        String name,
        String image,
        List<String> command,
        List<String> entrypoint,
        Map<String, String> env,
        Map<String, String> labels,
        long cpuShares,
        long memoryBytes,
        long memoryReservationBytes,
        List<PortBinding> ports,
        HealthCheckSpec healthCheck,
        boolean init,
        Duration stopTimeout,
        RuntimeOptions options) {

    /** A container with the engine's defaults for everything {@link RuntimeOptions} covers. */
    public ContainerSpec(String name, String image, List<String> command, List<String> entrypoint,
                         Map<String, String> env, Map<String, String> labels, long cpuShares, long memoryBytes,
                         long memoryReservationBytes, List<PortBinding> ports, HealthCheckSpec healthCheck,
                         boolean init, Duration stopTimeout) {
        this(name, image, command, entrypoint, env, labels, cpuShares, memoryBytes, memoryReservationBytes, ports,
                healthCheck, init, stopTimeout, RuntimeOptions.NONE);
    }

    public ContainerSpec {
        command = command == null ? List.of() : List.copyOf(command);
        entrypoint = entrypoint == null ? List.of() : List.copyOf(entrypoint);
        env = env == null ? Map.of() : Map.copyOf(env);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        ports = ports == null ? List.of() : List.copyOf(ports);
        options = options == null ? RuntimeOptions.NONE : options;
    }

    /** Environment variable names only: values may come from secrets and must not reach a log line. */
    @Override
    public String toString() {
        return "ContainerSpec[name=" + name + ", image=" + image + ", command=" + command + ", entrypoint="
                + entrypoint + ", env=" + new java.util.TreeSet<>(env.keySet()) + ", labels=" + labels + ", ports="
                + ports + ", options=" + options + "]";
    }

    /** {@code hostPort} 0 = let the engine pick a free port. {@code protocol} is "tcp" or "udp". */
    public record PortBinding(int containerPort, int hostPort, String protocol) {
    }

    /** Docker HEALTHCHECK. {@code test} is in Docker form, e.g. ["CMD-SHELL", "wget -q -O- localhost"]. */
    public record HealthCheckSpec(List<String> test, Duration interval, Duration timeout, int retries, Duration startPeriod) {
        public HealthCheckSpec {
            test = List.copyOf(test);
        }
    }
}
