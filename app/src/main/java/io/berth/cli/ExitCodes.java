package io.berth.cli;

/** The exit codes of {@code berth}, listed in its {@code --help}. */
public final class ExitCodes {

    public static final int OK = 0;
    /** The API answered with an error (validation, not found, conflict, unauthorized...). */
    public static final int API_ERROR = 1;
    /** Wrong command line: unknown command or option, missing argument, unreadable manifest path. */
    public static final int USAGE = 2;
    /** The server could not be reached (connection refused, unknown host, no answer). */
    public static final int UNREACHABLE = 3;
    /** A {@code --wait} ran out of time. */
    public static final int TIMEOUT = 4;

    private ExitCodes() {
    }
}
