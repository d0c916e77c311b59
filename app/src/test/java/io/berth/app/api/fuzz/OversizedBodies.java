package io.berth.app.api.fuzz;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Bodies around berth.api.max-body-size, which only a real socket can send as they really come: whole with a
 * Content-Length, streamed with a Content-Length, and chunked without one. Past the limit the answer must be a
 * JSON 413 that the client gets to read (not a connection reset while it is still sending); at the limit the
 * body is read and judged like any other.
 */
final class OversizedBodies {

    private record Target(String endpoint, String path, String type, String head) {
    }

    private final Requests requests;
    private final Random random;
    private final long limit;
    private final List<Target> targets;

    OversizedBodies(Requests requests, Random random, long limit, String cluster) {
        this.requests = requests;
        this.random = random;
        this.limit = limit;
        this.targets = List.of(
                new Target(ManifestCases.APPLY, "/v1/apply", "application/yaml",
                        "apiVersion: berth/v1\nkind: TaskDefinition\nmetadata: {name: big}\nspec: {}\n"),
                new Target(ManifestCases.APPLY, "/v1/apply", "application/json", "[{\"kind\": \"TaskDefinition\"}]"),
                new Target(ManifestCases.REGISTER, "/v1/task-definitions", "application/json", "{\"family\": \"big\"}"),
                new Target(ManifestCases.RUN_TASK, "/v1/clusters/" + cluster + "/tasks", "application/json",
                        "{\"taskDefinition\": \"big\"}"));
    }

    /** Case {@code i}: the target, the way of sending and the size all vary with it. */
    FuzzCase next(int i) {
        Target target = targets.get(i % targets.size());
        int way = i / targets.size() % 3;
        long size = switch (i % 5) {
            case 0 -> limit;
            case 1 -> limit + 1;
            case 2 -> limit + 1 + random.nextInt((int) limit);
            case 3 -> 2 * limit;
            default -> limit + 1 + random.nextInt(64 * 1024);
        };
        byte[] body = body(target, (int) size);
        HttpRequest.BodyPublisher publisher = switch (way) {
            case 0 -> HttpRequest.BodyPublishers.ofByteArray(body);
            case 1 -> HttpRequest.BodyPublishers.fromPublisher(
                    HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)), body.length);
            default -> HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body));
        };
        String how = switch (way) {
            case 0 -> "with Content-Length";
            case 1 -> "streamed with Content-Length";
            default -> "chunked";
        };
        String description = target.type() + " body of " + size + " bytes (limit " + limit + ") " + how + " to "
                + target.path();
        return new FuzzCase(target.endpoint(), description,
                requests.post(target.path(), Map.of("dryRun", "true"), target.type(), publisher).build(),
                description, FuzzCase.Stream.NONE, size > limit ? 413 : 0);
    }

    /**
     * The document's start padded to the size with lines of 1000 bytes: comments in YAML, blanks in JSON. Lines, not
     * one long one: the YAML scanner takes seconds per MB of a single line, which is not what these cases are about.
     */
    private static byte[] body(Target target, int size) {
        byte[] head = (target.head() + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[size];
        byte filler = target.type().contains("yaml") ? (byte) 'x' : (byte) ' ';
        java.util.Arrays.fill(body, filler);
        System.arraycopy(head, 0, body, 0, head.length);
        for (int lineStart = head.length; lineStart < size; lineStart += 1000) {
            if (filler == 'x') {
                body[lineStart] = '#';
            }
            body[Math.min(size, lineStart + 1000) - 1] = '\n';
        }
        return body;
    }
}
