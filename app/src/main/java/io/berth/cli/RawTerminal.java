package io.berth.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The local terminal of {@code berth exec -t}, driven with {@code stty} on {@code /dev/tty}: raw mode (keys go to the
 * remote command as typed, Ctrl-C included) and restored as it was afterwards; its size in character cells.
 */
final class RawTerminal implements AutoCloseable {

    private static final File TTY = new File("/dev/tty");
    private final String saved;

    private RawTerminal(String saved) {
        this.saved = saved;
    }

    /** Raw mode, or empty when there is no terminal to set (output redirected, no stty). */
    static Optional<RawTerminal> enter() {
        Optional<String> saved = stty("-g");
        if (saved.isEmpty() || stty("raw", "-echo").isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new RawTerminal(saved.get().strip()));
    }

    /** Columns and rows, from {@code stty size} ("rows columns"); empty without a terminal. */
    static Optional<int[]> size() {
        return stty("size").flatMap(text -> {
            String[] parts = text.strip().split("\\s+");
            try {
                return parts.length == 2 ? Optional.of(new int[]{Integer.parseInt(parts[1]), Integer.parseInt(parts[0])})
                        : Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    @Override
    public void close() {
        stty(saved);
    }

    private static Optional<String> stty(String... args) {
        if (!TTY.exists()) {
            return Optional.empty();
        }
        try {
            Process p = new ProcessBuilder(concat(args)).redirectInput(TTY).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            return p.exitValue() == 0 ? Optional.of(out) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static List<String> concat(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("stty"));
        command.addAll(List.of(args));
        return command;
    }
}
