package io.berth.cli;

/**
 * The exit codes of {@code berth}, listed in its {@code --help} and the README. Scripts (a CI job running
 * {@code berth apply --wait}) branch on them, so each kind of failure has its own code and the codes never change.
 */
public final class ExitCodes {

    public static final int OK = 0;
    /** The API answered with an error that is not about the input: not found, conflict, unauthorized, 5xx. */
    public static final int API_ERROR = 1;
    /**
     * Bad input: unknown command or option, missing argument, unreadable or malformed manifest file, or manifests
     * and requests the server rejected as invalid (HTTP 400, 422). Fix the input, not the cluster.
     */
    public static final int USAGE = 2;
    /** The server could not be reached (connection refused, unknown host, no answer). */
    public static final int UNREACHABLE = 3;
    /** A {@code --wait} or {@code --watch} ran out of time; the rollout goes on. */
    public static final int TIMEOUT = 4;
    /** A rollout ended FAILED or ROLLED_BACK (circuit breaker, progress deadline), or its service was deleted. */
    public static final int ROLLOUT_FAILED = 5;

    private ExitCodes() {
    }
}
