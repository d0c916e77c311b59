package io.berth.app.api.fuzz;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;

/** Builds the requests of the fuzz run against one server: the URI with its encoded query and the token. */
final class Requests {

    /** Longest wait for an answer; a request that takes longer counts as a dropped connection. */
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);

    private final String base;
    private final String bearer;

    Requests(int port, String bearer) {
        this.base = "http://localhost:" + port;
        this.bearer = bearer;
    }

    HttpRequest.Builder get(String path, Map<String, String> query) {
        return builder(path, query).GET();
    }

    HttpRequest.Builder post(String path, Map<String, String> query, String contentType, HttpRequest.BodyPublisher body) {
        return builder(path, query).header("Content-Type", contentType).POST(body);
    }

    HttpRequest.Builder post(String path, Map<String, String> query, String contentType, String body) {
        return post(path, query, contentType, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    }

    private HttpRequest.Builder builder(String path, Map<String, String> query) {
        StringJoiner q = new StringJoiner("&", "?", "").setEmptyValue("");
        query.forEach((name, value) -> q.add(encode(name) + "=" + encode(value)));
        return HttpRequest.newBuilder(URI.create(base + path + q)).timeout(ANSWER_TIMEOUT)
                .header("Authorization", bearer);
    }

    /** A path segment or a query value, percent-encoded (a space as %20, which both accept). */
    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String describe(Map<String, String> query) {
        StringJoiner q = new StringJoiner(" ");
        query.forEach((name, value) -> q.add(name + "=" + FuzzJson.abbreviate(value)));
        return q.toString();
    }
}
