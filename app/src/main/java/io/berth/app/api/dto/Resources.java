package io.berth.app.api.dto;

/**
 * @param cpu    CPU units, 1024 per core
 * @param memory MiB
 */
public record Resources(int cpu, int memory) {
}
