package io.berth.docker;

/**
 * A running interactive exec ({@link DockerEngine#execSession}). Thread-safe. Closing it ends the session: the
 * connection to the command is dropped (which closes the command's stdin), the container is left alone.
 */
public interface ExecSession extends AutoCloseable {

    /** The engine's id of this exec. */
    String execId();

    /**
     * Sends bytes to the command's stdin (ignored without stdin). Blocks while the engine reads slower than the
     * caller writes, at most the session's idle limit; throws {@link EngineException} once the session has ended.
     */
    void write(byte[] bytes);

    /** Changes the terminal's size (tty sessions; a no-op otherwise). */
    void resize(ExecRequest.TerminalSize size);

    @Override
    void close();

    /**
     * How a session ended; reported exactly once.
     *
     * @param exitCode the command's exit code; null when it is not known (the session was closed or hit a limit
     *                 while the command still ran, or the engine failed)
     * @param reason   null when the command exited; else why the session ended ("closed", "idle limit 5m"...)
     */
    record End(Integer exitCode, String reason) {
    }
}
