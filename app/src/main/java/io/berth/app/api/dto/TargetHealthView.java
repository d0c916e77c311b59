package io.berth.app.api.dto;

/**
 * One target of a target group and its health, as ELBv2's {@code describe-target-health}: the task, the instance
 * and host port it is reached at, and the state HAProxy's own checks give it.
 */
public record TargetHealthView(Target target, Health health) {

    public record Target(String taskId, String instanceId, int port) {
    }

    /** state: initial | healthy | unhealthy | draining | unused | unavailable; reason and description may be null. */
    public record Health(String state, String reason, String description) {
    }
}
