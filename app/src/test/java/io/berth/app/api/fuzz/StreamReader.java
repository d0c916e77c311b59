package io.berth.app.api.fuzz;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Reads the start of a stream that answered 200 for a bounded time, checks what arrived and closes it: a watch
 * stream must consist of well-formed Server-Sent Events (an event name, a numeric id, JSON data; comment lines
 * are heartbeats), a log stream of the container's output lines. A stream that simply has nothing to say within
 * the time is fine (a watch from a position without changes); one that breaks is not.
 */
final class StreamReader {

    /** What was read, or what was wrong with it. */
    record Result(int items, String problem) {
    }

    private static final Pattern LOG_LINE = Pattern.compile(FuzzLogs.LINE_PREFIX + "\\d+");

    private final Duration readFor;

    StreamReader(Duration readFor) {
        this.readFor = readFor;
    }

    /**
     * Reads until {@code enough} items, or at least one and all that has arrived so far, or until the time is up;
     * an IOException is a stream that broke.
     */
    Result read(InputStream body, FuzzCase.Stream kind, int enough) throws IOException {
        AtomicInteger items = new AtomicInteger();
        FutureTask<Result> reading = new FutureTask<>(() -> kind == FuzzCase.Stream.WATCH
                ? readEvents(body, enough, items) : readLog(body, enough, items));
        Thread reader = Thread.ofVirtual().name("fuzz-stream-reader").start(reading);
        try {
            return reading.get(readFor.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return new Result(items.get(), null); // still open: closed below; what it sent was checked as it came
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } finally {
            body.close();
            reader.interrupt();
        }
    }

    private static Result readEvents(InputStream body, int enough, AtomicInteger items) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        int events = 0;
        String id = null;
        String name = null;
        StringBuilder data = new StringBuilder();
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (line.startsWith(":")) {
                events = items.incrementAndGet(); // a heartbeat
            } else if (line.startsWith("id:")) {
                id = line.substring(3).strip();
            } else if (line.startsWith("event:")) {
                name = line.substring(6).strip();
            } else if (line.startsWith("data:")) {
                data.append(line.substring(5).strip());
            } else if (!line.isEmpty()) {
                return new Result(events, "not a Server-Sent Event line: " + FuzzJson.abbreviate(line));
            } else if (name != null || !data.isEmpty()) {
                String problem = eventProblem(id, name, data.toString());
                if (problem != null) {
                    return new Result(events, problem);
                }
                events = items.incrementAndGet();
                id = null;
                name = null;
                data.setLength(0);
            }
            if (events >= enough || events > 0 && line.isEmpty() && !lines.ready()) {
                return new Result(events, null); // enough, or all that has come so far
            }
        }
        return new Result(events, events == 0 ? "the stream ended without an event" : null);
    }

    private static String eventProblem(String id, String name, String data) {
        if (name == null || name.isBlank()) {
            return "an event without a name: " + FuzzJson.abbreviate(data);
        }
        if (id == null || !id.matches("\\d+")) {
            return "event " + name + " without a numeric id: " + id;
        }
        try {
            if (!FuzzJson.JSON.readTree(data).isObject()) {
                return "event " + name + " whose data is not a JSON object";
            }
        } catch (RuntimeException e) {
            return "event " + name + " whose data is not JSON: " + FuzzJson.abbreviate(data);
        }
        return null;
    }

    private static Result readLog(InputStream body, int enough, AtomicInteger items) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        int count = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (!LOG_LINE.matcher(line).matches()) {
                return new Result(count, "not a line the container wrote: " + FuzzJson.abbreviate(line));
            }
            count = items.incrementAndGet();
            if (count >= enough || !lines.ready()) {
                break;
            }
        }
        return new Result(count, null);
    }
}
