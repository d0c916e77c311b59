package io.berth.app.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Calls a Berth's API in a loop on threads of its own and records every answer (status, Retry-After, latency), so
 * that a test can tell what clients saw while the database was away. A request gets {@link #TIMEOUT}: longer than any
 * bound Berth should need to answer, so an answer that does not come is recorded as a hang (status -1).
 */
final class ApiProbe implements AutoCloseable {

    /** The bound on one answer; a hang past it is recorded, not waited out. */
    static final Duration TIMEOUT = Duration.ofSeconds(40);

    /** One call: what it was, when it was sent and answered (System.nanoTime), the status (-1: no answer). */
    record Sample(String name, long sentAt, long answeredAt, int status, String retryAfter, String body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        long millis() {
            return (answeredAt - sentAt) / 1_000_000;
        }
    }

    /** A request to send: method, path, content type and body (the last two may be null). */
    record Call(String method, String path, String contentType, String body) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Queue<Sample> samples = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();

    /**
     * Starts a thread that sends {@code next}'s calls to {@code berth} one after the other, {@code pause} apart, and
     * hands each answer to {@code onAnswer} too.
     */
    void loop(String name, BerthProcess berth, Supplier<Call> next, Duration pause, Consumer<Sample> onAnswer) {
        threads.add(Thread.ofVirtual().name("probe-" + name).start(() -> {
            while (running.get()) {
                Sample s = send(name, berth, next.get());
                samples.add(s);
                onAnswer.accept(s);
                LockSupport.parkNanos(pause.toNanos());
            }
        }));
    }

    private Sample send(String name, BerthProcess berth, Call call) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(berth.url() + call.path())).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + BerthProcess.TOKEN)
                .method(call.method(), call.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(call.body()));
        if (call.contentType() != null) {
            b.header("Content-Type", call.contentType());
        }
        long sent = System.nanoTime();
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Sample(name, sent, System.nanoTime(), r.statusCode(),
                    r.headers().firstValue("Retry-After").orElse(null), r.body());
        } catch (IOException e) {
            return new Sample(name, sent, System.nanoTime(), -1, null, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Sample(name, sent, System.nanoTime(), -1, null, e.toString());
        }
    }

    List<Sample> samples() {
        return List.copyOf(samples);
    }

    /** Stops sending and waits (bounded) for the calls in flight. */
    @Override
    public void close() {
        running.set(false);
        for (Thread t : threads) {
            try {
                t.join(TIMEOUT.plusSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
