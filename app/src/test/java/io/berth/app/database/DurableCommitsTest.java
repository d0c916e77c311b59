package io.berth.app.database;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.zaxxer.hikari.HikariDataSource;
import io.berth.db.test.PostgresContainerSupport;
import io.berth.db.test.PostgresTestImage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A commit on the application's pool survives a crash of PostgreSQL right after it, even on a server whose default is
 * {@code synchronous_commit=off} (as Berth's test databases are): an answer 2xx is sent after the commit returned,
 * so the commit must be in the WAL by then. A PostgreSQL with asynchronous commit and a WAL writer that waits 10 s is
 * SIGKILLed right after two commits: one on a pool as the application configures it, one on a plain pool. Asserted
 * after the restart: the application's row is there; the plain pool's is not — so the crash really loses what an
 * asynchronous commit had not yet written, and the first assertion can fail. Takes about 10 s (two server starts).
 */
@Tag("docker")
class DurableCommitsTest {

    @Test
    void aCommitOfTheApplicationsPoolSurvivesACrashRightAfterIt() throws SQLException {
        int port = freePort();
        try (PostgreSQLContainer pg = new PostgreSQLContainer(PostgresTestImage.imageName())
                .withDatabaseName("berth").withUsername("berth").withPassword("berth")
                .withLabel(PostgresContainerSupport.LABEL, "durable-commits")
                // fsync off as in every test database: a killed process's writes stay in the host's page cache, so
                // only a commit not yet written to the WAL at all is lost — which is what asynchronous commit allows.
                .withCommand("postgres", "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
                        "-c", "wal_writer_delay=10000ms")
                .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withPortBindings(
                        new PortBinding(Ports.Binding.bindPort(port), new ExposedPort(5432))))) {
            pg.start();
            String url = "jdbc:postgresql://localhost:" + port + "/berth";
            DockerClient docker = DockerClientFactory.instance().client();

            new ApplicationContextRunner()
                    .withUserConfiguration(DatabaseConfiguration.class)
                    .withBean(HikariDataSource.class, () -> pool(url))
                    .run(context -> {
                        try (HikariDataSource application = context.getBean(HikariDataSource.class);
                             HikariDataSource plain = pool(url)) {
                            JdbcTemplate app = new JdbcTemplate(application);
                            JdbcTemplate other = new JdbcTemplate(plain);
                            createTableDurably(url);
                            String appSetting = app.queryForObject("show synchronous_commit", String.class);
                            String plainSetting = other.queryForObject("show synchronous_commit", String.class);
                            // The application's first: a synchronous commit writes all WAL before it, so the plain
                            // pool's commit after it is the one left in the WAL buffers.
                            app.update("insert into accepted values ('application')");
                            other.update("insert into accepted values ('plain')");
                            assertThat(app.queryForList("select who from accepted", String.class))
                                    .as("both commits visible before the crash").hasSize(2);
                            docker.killContainerCmd(pg.getContainerId()).exec(); // SIGKILL: no shutdown checkpoint
                            System.out.printf("durable commits: synchronous_commit of the application's sessions %s, "
                                    + "of a plain session %s; server killed right after both commits%n",
                                    appSetting, plainSetting);
                        }
                    });

            for (int i = 0; i < 100 && Boolean.TRUE.equals(
                    docker.inspectContainerCmd(pg.getContainerId()).exec().getState().getRunning()); i++) {
                LockSupport.parkNanos(100_000_000L);
            }
            docker.startContainerCmd(pg.getContainerId()).exec();
            List<String> survived = rowsAfterRecovery(url);
            System.out.printf("durable commits: rows after crash recovery %s%n", survived);
            assertThat(survived).as("the application's commit, made before the answer would be sent").contains("application");
            assertThat(survived).as("the control: an asynchronous commit not yet written is lost by this crash")
                    .doesNotContain("plain");
        }
    }

    @Test
    void optionsGivenBeforeAreKeptAfterTheSettingSoThatTheyWin() {
        try (HikariDataSource pool = new HikariDataSource()) {
            pool.addDataSourceProperty("options", "-c synchronous_commit=remote_apply");
            new DurableCommits().postProcessAfterInitialization(pool, "dataSource");
            assertThat(pool.getDataSourceProperties().get("options"))
                    .isEqualTo("-c synchronous_commit=on -c synchronous_commit=remote_apply");
        }
    }

    private static HikariDataSource pool(String url) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        pool.setUsername("berth");
        pool.setPassword("berth");
        pool.setMaximumPoolSize(2);
        pool.setMinimumIdle(0);
        return pool;
    }

    /** The harness's own table, committed synchronously whatever the pool under test does. */
    private static void createTableDurably(String url) throws SQLException {
        Properties p = properties();
        p.setProperty("options", "-c synchronous_commit=on");
        try (Connection c = DriverManager.getConnection(url, p); var s = c.createStatement()) {
            s.execute("create table accepted (who text primary key)");
        }
    }

    private static Properties properties() {
        Properties p = new Properties();
        p.setProperty("user", "berth");
        p.setProperty("password", "berth");
        p.setProperty("connectTimeout", "2");
        p.setProperty("socketTimeout", "5");
        return p;
    }

    /** Polls (bounded: 60 s) until the restarted server has recovered and answers. */
    private static List<String> rowsAfterRecovery(String url) throws SQLException {
        Properties p = properties();
        long deadline = System.nanoTime() + 60_000_000_000L;
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            try (Connection c = DriverManager.getConnection(url, p); var s = c.createStatement();
                 var r = s.executeQuery("select who from accepted order by who")) {
                List<String> rows = new ArrayList<>();
                while (r.next()) {
                    rows.add(r.getString(1));
                }
                return rows;
            } catch (SQLException e) {
                // only "cannot connect" (class 08) and "starting up" (57P03) mean the server is not back yet
                String state = e.getSQLState() == null ? "" : e.getSQLState();
                if (!state.startsWith("08") && !state.equals("57P03")) {
                    throw e;
                }
                last = e;
                LockSupport.parkNanos(200_000_000L);
            }
        }
        throw new AssertionError("PostgreSQL did not answer within 60 s after the restart", last);
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
