package io.berth.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs {@code berth} in-process with captured streams, a chosen environment and home, and a fake clock that
 * the sleeper advances (no real sleeping).
 */
final class Cli {

    static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    final Map<String, String> env = new HashMap<>();
    final Path home;
    final AtomicReference<Instant> clock = new AtomicReference<>(NOW);
    final AtomicInteger sleeps = new AtomicInteger();
    String stdin = "";
    boolean tty;
    /** Sleeps after which the sleeper throws InterruptedException (ends get -w); -1 = never. */
    int interruptAfter = -1;

    record Result(int exitCode, String out, String err) {
    }

    Cli(Path home) {
        this.home = home;
    }

    Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> arguments = new ArrayList<>(List.of(args));
        CliContext context = new CliContext(env, home,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), new PrintWriter(out),
                new PrintWriter(err), tty, Duration.ofSeconds(1), Duration.ofSeconds(2), clock::get,
                duration -> {
                    if (interruptAfter >= 0 && sleeps.get() >= interruptAfter) {
                        throw new InterruptedException("test ends the watch");
                    }
                    sleeps.incrementAndGet();
                    clock.updateAndGet(now -> now.plus(duration));
                });
        int code = BerthCli.run(arguments.toArray(String[]::new), context);
        Thread.interrupted(); // a watch ended by the sleeper leaves the flag set, as a real Ctrl-C would
        return new Result(code, out.toString(), err.toString());
    }
}
