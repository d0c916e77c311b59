package io.berth.app.api.dto;

import java.time.Instant;

public record ServiceEventView(Instant createdAt, String message) {
}
