package io.berth.app.embeddedpostgres;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Clears what a Berth that died without stopping its PostgreSQL (SIGKILL, OOM kill) leaves behind.
 *
 * <p>The postmaster is a daemon: it outlives a killed JVM and keeps the data directory locked
 * ({@code postmaster.pid}). If it still runs it is shut down (SIGTERM = smart shutdown; its clients died
 * with the old JVM) so that the new server starts with this start's settings. If the pid file names a
 * process that is gone, or one that is not PostgreSQL (pids are reused, especially in containers), the file
 * is removed: PostgreSQL would otherwise refuse to start when the pid now belongs to, say, our own JVM.
 * Only called while {@link DataDirLock} is held, so the server found cannot belong to a live Berth.
 */
final class StalePostmaster {

    private static final Logger log = LoggerFactory.getLogger(StalePostmaster.class);
    static final String PID_FILE = "postmaster.pid";

    private StalePostmaster() {
    }

    static void clear(Path dataDirectory, Duration timeout) throws IOException {
        Path pidFile = dataDirectory.resolve(PID_FILE);
        if (!Files.exists(pidFile)) {
            return;
        }
        Optional<ProcessHandle> process = pid(pidFile).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
        if (process.isPresent() && isPostgres(process.get())) {
            stop(process.get(), timeout);
        } else {
            log.info("Removing stale {} (its process is gone)", pidFile);
        }
        // A clean shutdown removes the file itself; after a forced one (or none) it is ours to remove.
        Files.deleteIfExists(pidFile);
    }

    private static Optional<Long> pid(Path pidFile) throws IOException {
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(lines.getFirst().strip()));
        } catch (NumberFormatException e) {
            log.warn("{} does not start with a pid: \"{}\"", pidFile, lines.getFirst());
            return Optional.empty();
        }
    }

    private static boolean isPostgres(ProcessHandle process) {
        Optional<String> command = process.info().command();
        return command.map(c -> c.endsWith("/postgres") || c.equals("postgres")).orElse(false);
    }

    private static void stop(ProcessHandle postmaster, Duration timeout) throws IOException {
        log.warn("PostgreSQL (pid {}) left running by a previous Berth; shutting it down", postmaster.pid());
        postmaster.destroy();
        try {
            postmaster.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            log.info("Previous PostgreSQL (pid {}) stopped", postmaster.pid());
        } catch (TimeoutException e) {
            // Killing the postmaster is safe for the data (WAL replay on next start), just slower.
            log.warn("PostgreSQL (pid {}) did not stop within {}; killing it", postmaster.pid(), timeout);
            postmaster.destroyForcibly();
            awaitExit(postmaster, timeout);
        } catch (ExecutionException e) {
            throw new IOException("could not wait for PostgreSQL pid " + postmaster.pid(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping PostgreSQL pid " + postmaster.pid(), e);
        }
    }

    private static void awaitExit(ProcessHandle process, Duration timeout) throws IOException {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            throw new IOException("PostgreSQL pid " + process.pid() + " survived SIGKILL", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while killing PostgreSQL pid " + process.pid(), e);
        }
    }
}
