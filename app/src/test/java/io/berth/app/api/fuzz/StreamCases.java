package io.berth.app.api.fuzz;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * Requests that open streams when they are right: {@code /v1/watch} with fuzzed filters, positions (readable,
 * pruned, ahead of the head, huge, negative, not numbers) in {@code since} or {@code Last-Event-ID}, and parameters
 * it does not know; and a running task's logs with {@code follow=true} and fuzzed {@code since}/{@code tail}.
 */
final class StreamCases {

    static final String WATCH_STREAM = "GET /v1/watch (stream)";
    static final String LOG_STREAM = "GET .../logs?follow (stream)";
    /** A stream's headers come at once (a watch's first event, a log's first line within ms): longer is a drop. */
    private static final Duration STREAM_TIMEOUT = Duration.ofSeconds(20);

    private final Requests requests;
    private final BadValues bad;
    private final String cluster;
    private final LongSupplier head;
    private final UUID task;

    StreamCases(Requests requests, BadValues bad, String cluster, LongSupplier head, UUID task) {
        this.requests = requests;
        this.bad = bad;
        this.cluster = cluster;
        this.head = head;
        this.task = task;
    }

    FuzzCase watch() {
        Map<String, String> query = new LinkedHashMap<>();
        int c = bad.random().nextInt(10);
        if (c < 5) {
            query.put("cluster", cluster);
        } else if (c < 7) {
            query.put("cluster", bad.queryValue());
        }
        if (bad.random().nextInt(3) == 0) {
            query.put("service", bad.random().nextBoolean() ? "fuzz-json" : bad.queryValue());
        }
        boolean header = bad.random().nextInt(4) == 0;
        String position = bad.random().nextInt(4) == 0 ? null : position();
        if (position != null && !header) {
            query.put("since", position);
        }
        for (String unknown : List.of("timeout", "kind", "resourceVersion")) {
            if (bad.random().nextInt(5) == 0) {
                query.put(unknown, bad.queryValue());
            }
        }
        HttpRequest.Builder request = requests.get("/v1/watch", query).header("Accept", "text/event-stream");
        String sent = Requests.describe(query);
        if (header && position != null) {
            String ascii = position.chars().allMatch(ch -> ch > 0x20 && ch < 0x7f) ? position : "x1";
            request.header("Last-Event-ID", ascii);
            sent += " Last-Event-ID: " + FuzzJson.abbreviate(ascii);
        }
        return new FuzzCase(WATCH_STREAM, "watch " + FuzzJson.abbreviate(sent), request.timeout(STREAM_TIMEOUT).build(), sent,
                FuzzCase.Stream.WATCH, 0);
    }

    private String position() {
        long now = head.getAsLong();
        return switch (bad.random().nextInt(10)) {
            case 0 -> "0";
            case 1 -> Long.toString(now);
            case 2 -> Long.toString(Math.max(0, now - 1 - bad.random().nextInt(50)));
            case 3 -> Long.toString(now + 1 + bad.random().nextInt(1_000_000));
            case 4 -> Long.toString(Long.MAX_VALUE);
            case 5 -> " " + now + " ";
            case 6 -> "";
            default -> bad.queryValue();
        };
    }

    FuzzCase followLog() {
        int t = bad.random().nextInt(20);
        String id = t < 16 ? task.toString() : t < 18 ? UUID.randomUUID().toString() : bad.queryValue();
        String container = bad.random().nextInt(10) == 0 ? bad.queryValue() : "app";
        Map<String, String> query = new LinkedHashMap<>();
        int f = bad.random().nextInt(10);
        query.put("follow", f < 8 ? "true" : f == 8 ? "TRUE" : bad.queryValue());
        if (bad.random().nextInt(3) != 0) {
            query.put("since", since());
        }
        if (bad.random().nextInt(3) != 0) {
            query.put("tail", switch (bad.random().nextInt(6)) {
                case 0 -> "0";
                case 1 -> "5";
                case 2 -> Integer.toString(Integer.MAX_VALUE);
                default -> bad.queryValue();
            });
        }
        String path = "/v1/clusters/" + cluster + "/tasks/" + Requests.encode(id) + "/containers/"
                + Requests.encode(container) + "/logs";
        String sent = "task " + FuzzJson.abbreviate(id) + " container " + FuzzJson.abbreviate(container) + " "
                + Requests.describe(query);
        return new FuzzCase(LOG_STREAM, "follow logs " + sent, requests.get(path, query).timeout(STREAM_TIMEOUT).build(), sent,
                FuzzCase.Stream.LOG, 0);
    }

    private String since() {
        return switch (bad.random().nextInt(8)) {
            case 0 -> "10m";
            case 1 -> "1s";
            case 2 -> "2020-01-01T00:00:00Z";
            case 3 -> "2999-01-01T00:00:00Z";
            case 4 -> "+1000000000-12-31T23:59:59.999999999Z";
            case 5 -> "-1000000000-01-01T00:00:00Z";
            case 6 -> bad.duration();
            default -> bad.queryValue();
        };
    }
}
