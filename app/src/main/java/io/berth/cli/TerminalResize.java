package io.berth.cli;

/**
 * Calls back when the local terminal is resized (SIGWINCH), through the JDK's unsupported but long-stable
 * {@code sun.misc.Signal}. Where that is not available the size is sent once, at the start.
 */
final class TerminalResize {

    private TerminalResize() {
    }

    @SuppressWarnings("restriction")
    static void onChange(Runnable action) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("WINCH"), signal -> Thread.ofVirtual().start(action));
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
            // no SIGWINCH here: the size sent at the start stays
        }
    }
}
