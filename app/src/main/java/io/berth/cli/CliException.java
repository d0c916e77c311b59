package io.berth.cli;

import java.util.List;

/**
 * A failure that ends the command with one clear line on stderr ({@code error: message}), optionally
 * followed by detail lines (e.g. one per invalid field), and a given exit code. No stack trace.
 */
public class CliException extends RuntimeException {

    private final int exitCode;
    private final List<String> details;

    public CliException(int exitCode, String message) {
        this(exitCode, message, List.of(), null);
    }

    public CliException(int exitCode, String message, List<String> details, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
        this.details = List.copyOf(details);
    }

    public int exitCode() {
        return exitCode;
    }

    public List<String> details() {
        return details;
    }

    static CliException usage(String message) {
        return new CliException(ExitCodes.USAGE, message);
    }

    static CliException timeout(String message) {
        return new CliException(ExitCodes.TIMEOUT, message);
    }
}
