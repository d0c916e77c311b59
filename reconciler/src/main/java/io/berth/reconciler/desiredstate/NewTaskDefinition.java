package io.berth.reconciler.desiredstate;

/** A revision to register: its spec as stored (JSON) and that spec's hash (what tells a changed document). */
public record NewTaskDefinition(String family, int revision, String specJson, String specHash) {
}
