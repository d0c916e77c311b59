package io.berth.app.metrics;

import io.berth.reconciler.hosts.InstanceHealth;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * 1 while most watched hosts are silent at once and Berth, taking its own network to be at fault, declares none of
 * them lost (no task is replaced); 0 otherwise. An alert on it tells an operator why a silent fleet is left alone.
 */
public final class HostDisruptionGauge {

    public HostDisruptionGauge(MeterRegistry registry, InstanceHealth health) {
        Gauge.builder("berth.hosts.disrupted", health, h -> h.disrupted() ? 1 : 0)
                .description("1 while most hosts are silent at once and none is declared lost").register(registry);
    }
}
