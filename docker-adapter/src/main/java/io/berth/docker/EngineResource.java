package io.berth.docker;

import java.util.Map;

/** A network or volume on an engine, as listing shows it: its name and labels. */
public record EngineResource(String name, Map<String, String> labels) {

    public EngineResource {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
