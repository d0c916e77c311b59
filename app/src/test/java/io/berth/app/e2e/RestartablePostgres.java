package io.berth.app.e2e;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import io.berth.db.test.PostgresContainerSupport;
import io.berth.db.test.PostgresTestImage;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

/**
 * A PostgreSQL container of one test's own, on a fixed host port, so that it can be stopped and started again and
 * every client reconnects to the same address (a published port left to Docker may change on restart). Never the
 * shared container other tests use. Labelled {@value PostgresContainerSupport#LABEL}=chaos-db for manual clean-up.
 */
final class RestartablePostgres implements AutoCloseable {

    private final int port;
    private final PostgreSQLContainer container;

    RestartablePostgres() {
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        container = new PostgreSQLContainer(PostgresTestImage.imageName())
                .withDatabaseName("berth").withUsername("berth").withPassword("berth")
                .withLabel(PostgresContainerSupport.LABEL, "chaos-db")
                .withCommand("postgres", "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off")
                .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withPortBindings(
                        new PortBinding(Ports.Binding.bindPort(port), new ExposedPort(5432))));
    }

    void start() {
        container.start();
    }

    BerthProcess.DataSource dataSource() {
        return new BerthProcess.DataSource(jdbcUrl(), container.getUsername(), container.getPassword());
    }

    private String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/berth";
    }

    /**
     * Stops the server: {@code docker stop} with one second's grace. Without a stop signal of its own (as the image
     * built offline) PostgreSQL gets SIGTERM, a smart shutdown that waits for every client to leave, and the SIGKILL a
     * second later ends it — in effect a crash: every session and advisory lock ends, and only what is in the WAL
     * survives. A commit the server's {@code synchronous_commit=off} had not yet written is lost; Berth's sessions
     * commit synchronously (DurableCommits), so nothing Berth answered 2xx may be.
     */
    void stop() {
        DockerClientFactory.instance().client().stopContainerCmd(container.getContainerId()).withTimeout(1).exec();
    }

    /** Starts the stopped server again on the same port; returns once it accepts a connection (bounded). */
    void startAgain() {
        DockerClientFactory.instance().client().startContainerCmd(container.getContainerId()).exec();
        Await.until(Duration.ofSeconds(60), "PostgreSQL accepting connections again on port " + port, this::accepts);
    }

    boolean accepts() {
        Properties p = new Properties();
        p.setProperty("user", container.getUsername());
        p.setProperty("password", container.getPassword());
        p.setProperty("connectTimeout", "2");
        p.setProperty("socketTimeout", "2");
        try (Connection c = DriverManager.getConnection(jdbcUrl(), p)) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        container.stop();
    }
}
