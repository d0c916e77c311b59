package io.berth.reconciler.model;

import java.time.Instant;

public record ServiceEvent(Instant createdAt, String message) {
}
