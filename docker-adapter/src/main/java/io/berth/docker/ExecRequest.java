package io.berth.docker;

import java.time.Duration;
import java.util.List;

/**
 * An interactive command to run in a running container.
 *
 * @param command     the command and its arguments, not empty
 * @param tty         allocate a terminal (stdout and stderr then arrive merged, as stdout)
 * @param stdin       attach stdin, so {@link ExecSession#write} reaches the command
 * @param idleLimit   the session ends when nothing was read or written for this long
 * @param totalLimit  the session ends after this long, busy or not
 * @param initialSize terminal size to set as soon as the command starts (tty only); null = the engine's default
 */
public record ExecRequest(List<String> command, boolean tty, boolean stdin, Duration idleLimit, Duration totalLimit,
                          TerminalSize initialSize) {

    public ExecRequest {
        if (command == null || command.isEmpty()) {
            throw new IllegalArgumentException("command must not be empty");
        }
        command = List.copyOf(command);
        if (idleLimit == null || idleLimit.isNegative() || idleLimit.isZero()
                || totalLimit == null || totalLimit.isNegative() || totalLimit.isZero()) {
            throw new IllegalArgumentException("idleLimit and totalLimit must be positive, were " + idleLimit
                    + " and " + totalLimit);
        }
    }

    /** A terminal's size in character cells. */
    public record TerminalSize(int columns, int rows) {
        public TerminalSize {
            if (columns < 1 || rows < 1 || columns > 10_000 || rows > 10_000) {
                throw new IllegalArgumentException("terminal size must be 1..10000 columns and rows, was "
                        + columns + "x" + rows);
            }
        }
    }
}
