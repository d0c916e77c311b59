package io.berth.reconciler.model;

import java.util.Map;

/** A network or volume an engine listed: its name and labels (the labels say which task it was made for). */
public record ObservedResource(String name, Map<String, String> labels) {

    public ObservedResource {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
