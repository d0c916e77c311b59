package io.berth.app.api.fuzz;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Sends the cases one after another over HTTP/1.1 connections to the embedded Tomcat (kept alive between cases
 * as a client would) and records each answer in the {@link FuzzFigures}. An IOException before an answer is a
 * dropped connection; a stream that answered 200 is read for a bounded time and closed.
 */
final class TcpFuzzer implements AutoCloseable {

    /** A 4xx answer is read up to this much: a JSON error is small. */
    private static final int MAX_ERROR_BODY = 1 << 20;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final FuzzFigures figures;
    private final StreamReader streams;

    TcpFuzzer(FuzzFigures figures, Duration streamReadFor) {
        this.figures = figures;
        this.streams = new StreamReader(streamReadFor);
    }

    void send(FuzzCase c) throws InterruptedException {
        long start = System.nanoTime();
        try {
            if (c.stream() == FuzzCase.Stream.NONE) {
                HttpResponse<String> response = http.send(c.request(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                figures.answered(c, response.statusCode(), System.nanoTime() - start);
                check(c, response.statusCode(), response.body());
            } else {
                HttpResponse<InputStream> response = http.send(c.request(), HttpResponse.BodyHandlers.ofInputStream());
                figures.answered(c, response.statusCode(), System.nanoTime() - start); // the time to the headers
                if (response.statusCode() == 200) {
                    readStream(c, response);
                } else {
                    String body;
                    try (InputStream in = response.body()) {
                        body = new String(in.readNBytes(MAX_ERROR_BODY), StandardCharsets.UTF_8);
                    }
                    check(c, response.statusCode(), body);
                }
            }
        } catch (IOException e) {
            figures.dropped(c, e);
        }
    }

    private void check(FuzzCase c, int status, String body) {
        String problem = AnswerCheck.problem(status, body);
        if (problem == null && c.expected() != 0 && status != c.expected()) {
            problem = "expected " + c.expected();
        }
        if (problem != null) {
            figures.failed(c, status, problem, body);
        }
    }

    private void readStream(FuzzCase c, HttpResponse<InputStream> response) {
        String type = response.headers().firstValue("Content-Type").orElse("");
        String wanted = c.stream() == FuzzCase.Stream.WATCH ? "text/event-stream" : "text/plain";
        if (!type.startsWith(wanted)) {
            figures.failed(c, 200, "a stream of " + type + ", not " + wanted, "");
        }
        try {
            StreamReader.Result result = streams.read(response.body(), c.stream(), 20);
            figures.streamRead(result.items());
            if (result.problem() != null) {
                figures.failed(c, 200, result.problem(), "");
            }
        } catch (IOException e) {
            figures.failed(c, 200, "the stream broke: " + e, "");
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
