package io.berth.bench.simcluster;

import io.berth.db.test.PostgresTestImage;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The real PostgreSQL a run writes to: the locally built {@code postgres:17} image in a container of its own, labelled
 * {@value #LABEL}=simulated-cluster (the script removes leftovers by that label) and stopped when the JVM exits.
 */
final class BenchDatabase implements AutoCloseable {

    static final String LABEL = "berth.bench";

    private final PostgreSQLContainer container;
    private final BenchmarkOptions.Database mode;

    private BenchDatabase(PostgreSQLContainer container, BenchmarkOptions.Database mode) {
        this.container = container;
        this.mode = mode;
    }

    static BenchDatabase start(BenchmarkOptions.Database mode) {
        PostgreSQLContainer c = new PostgreSQLContainer(PostgresTestImage.imageName())
                .withDatabaseName("berth").withUsername("berth").withPassword("berth")
                .withLabel(LABEL, "simulated-cluster")
                .withSharedMemorySize(256L << 20);
        // Testcontainers turns fsync off by default; "durable" asks for PostgreSQL's stock settings instead.
        c = switch (mode) {
            case DURABLE -> c.withCommand("postgres");
            case FAST -> c.withCommand("postgres", "-c", "fsync=off", "-c", "synchronous_commit=off",
                    "-c", "full_page_writes=off");
        };
        c.start();
        BenchDatabase db = new BenchDatabase(c, mode);
        Runtime.getRuntime().addShutdownHook(new Thread(db::close, "bench-postgres-stop"));
        return db;
    }

    String url() {
        return container.getJdbcUrl();
    }

    String user() {
        return container.getUsername();
    }

    String password() {
        return container.getPassword();
    }

    String description() {
        return "%s in a container (%s)".formatted(PostgresTestImage.name(), switch (mode) {
            case DURABLE -> "stock settings: fsync and synchronous_commit on";
            case FAST -> "fsync, synchronous_commit and full_page_writes off, as in Berth's tests";
        });
    }

    @Override
    public void close() {
        if (container.isRunning()) {
            container.stop();
        }
    }
}
