package io.berth.app.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * {@code berth.api.*}: the limits that keep one client from exhausting the server's memory and threads.
 *
 * @param maxBodySize             a request body larger than this is refused with 413 before it is read whole
 * @param maxDocuments            documents one apply may declare; more are refused with 422 naming {@code documents}
 * @param maxConcurrentWaits      requests waiting at once ({@code wait=true} of apply and delete): each holds a
 *                                server thread, so more are refused with 429 and Retry-After
 * @param maxConcurrentLogFollows {@code logs?follow=true} streams open at once; more are refused with 429
 * @param defaultPageSize         items of a list answered when the request names no {@code limit}
 * @param maxPageSize             the largest {@code limit} a list accepts
 */
@ConfigurationProperties("berth.api")
public record ApiLimits(DataSize maxBodySize, Integer maxDocuments, Integer maxConcurrentWaits,
                            Integer maxConcurrentLogFollows, Integer defaultPageSize, Integer maxPageSize) {

    public ApiLimits {
        maxBodySize = maxBodySize == null ? DataSize.ofMegabytes(4) : maxBodySize;
        maxDocuments = positive("max-documents", maxDocuments, 500);
        maxConcurrentWaits = positive("max-concurrent-waits", maxConcurrentWaits, 64);
        maxConcurrentLogFollows = positive("max-concurrent-log-follows", maxConcurrentLogFollows, 32);
        maxPageSize = positive("max-page-size", maxPageSize, 1000);
        defaultPageSize = positive("default-page-size", defaultPageSize, maxPageSize);
        if (maxBodySize.toBytes() <= 0) {
            throw new IllegalArgumentException("berth.api.max-body-size must be positive, was " + maxBodySize);
        }
        if (defaultPageSize > maxPageSize) {
            throw new IllegalArgumentException("berth.api.default-page-size (" + defaultPageSize
                    + ") must not exceed berth.api.max-page-size (" + maxPageSize + ")");
        }
    }

    /** Every default. */
    public static ApiLimits defaults() {
        return new ApiLimits(null, null, null, null, null, null);
    }

    private static int positive(String name, Integer value, int fallback) {
        if (value == null) {
            return fallback;
        }
        if (value < 1) {
            throw new IllegalArgumentException("berth.api." + name + " must be at least 1, was " + value);
        }
        return value;
    }
}
