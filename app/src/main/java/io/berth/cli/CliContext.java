package io.berth.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Everything the CLI takes from its surroundings, so that tests can hand in their own: environment
 * variables, the home directory, the streams, whether stdout is a terminal, the clock and how to wait.
 *
 * @param env          environment variables (BERTH_URL, BERTH_TOKEN, XDG_CONFIG_HOME)
 * @param home         the user's home directory (~/.config/berth/config, ~/.berth/admin-token)
 * @param tty          stdout is a terminal: progress lines are redrawn in place
 * @param pollInterval how often --wait polls the server
 * @param watchInterval how often get -w polls the server
 * @param clock        the current time (ages, --timeout deadlines)
 * @param sleeper      waits between polls; tests advance their clock instead of sleeping
 */
public record CliContext(Map<String, String> env, Path home, InputStream in, PrintWriter out, PrintWriter err,
                         boolean tty, Duration pollInterval, Duration watchInterval, Supplier<Instant> clock,
                         Sleeper sleeper) {

    public CliContext {
        env = Map.copyOf(env);
    }

    /** Waits for a while; interruptible. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** The real surroundings of a {@code berth} process. */
    public static CliContext system() {
        return new CliContext(System.getenv(), Path.of(System.getProperty("user.home")), System.in,
                new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8),
                System.console() != null && System.console().isTerminal(),
                Duration.ofSeconds(1), Duration.ofSeconds(2), Instant::now, d -> Thread.sleep(d));
    }

    public Instant now() {
        return clock.get();
    }
}
