package io.berth.docker;

/** What an engine says about itself. {@code memoryBytes} is the total memory of the host. */
public record EngineInfo(
        String engineId,
        String name,
        int cpus,
        long memoryBytes,
        String serverVersion,
        String apiVersion,
        String operatingSystem,
        String architecture) {
}
