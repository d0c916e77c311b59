package io.berth.app.embeddedpostgres;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Real PostgreSQL processes: durable settings, password, restart, and restart after the JVM was SIGKILLed. */
class EmbeddedPostgresServerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dataDir;

    @Test
    void keepsDataAcrossRestartsWithDurableSettings() throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir, 0, TIMEOUT)) {
            try (Connection c = connect(server); Statement s = c.createStatement()) {
                s.execute("create table t (v text)");
                s.execute("insert into t values ('kept')");
                assertThat(setting(s, "fsync")).isEqualTo("on");
                assertThat(setting(s, "synchronous_commit")).isEqualTo("on");
                assertThat(setting(s, "unix_socket_directories")).isEmpty();
            }
            assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(), "postgres", "wrong"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("password");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("postgres-password"))))
                .isEqualTo("rw-------");

        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir, 0, TIMEOUT);
             Connection c = connect(server); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("select v from t")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("kept");
        }
    }

    @Test
    void refusesASecondServerOnTheSameDataDir() throws Exception {
        try (EmbeddedPostgresServer ignored = EmbeddedPostgresServer.start(dataDir, 0, TIMEOUT)) {
            assertThatThrownBy(() -> EmbeddedPostgresServer.start(dataDir, 0, TIMEOUT))
                    .hasMessageContaining("another Berth process uses");
        }
    }

    @Test
    void startsAfterTheOwningJvmWasKilled() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), KillTarget.class.getName(), dataDir.toString())
                .redirectErrorStream(true)
                .start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.equals(KillTarget.READY)) {
                // skip the child's log lines until it has written its row
            }
            assertThat(line).as("child JVM output ended before READY").isEqualTo(KillTarget.READY);
            child.destroyForcibly(); // SIGKILL: no shutdown hooks, PostgreSQL keeps running
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(dataDir.resolve("postgres/postmaster.pid")).exists();

        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir, 0, TIMEOUT);
             Connection c = connect(server); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("select v from t")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("before kill");
        }
    }

    private static Connection connect(EmbeddedPostgresServer server) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(), server.username(), server.password());
    }

    private static String setting(Statement s, String name) throws SQLException {
        try (ResultSet rows = s.executeQuery("select current_setting('" + name + "')")) {
            rows.next();
            return rows.getString(1);
        }
    }

    /** Runs in a child JVM that the test kills with SIGKILL. */
    public static final class KillTarget {
        static final String READY = "KILL-TARGET-READY";

        public static void main(String[] args) throws Exception {
            EmbeddedPostgresServer server = EmbeddedPostgresServer.start(Path.of(args[0]), 0, TIMEOUT);
            try (Connection c = connect(server); Statement s = c.createStatement()) {
                s.execute("create table t (v text)");
                s.execute("insert into t values ('before kill')");
            }
            System.out.println(READY);
            System.out.flush();
            Thread.sleep(List.of(60_000L).getFirst());
        }
    }
}
