package io.berth.app.api.dto;

/** A published port of a task container; hostPort is what the engine picked for a dynamic mapping. */
public record HostPortView(int containerPort, int hostPort, String protocol) {
}
