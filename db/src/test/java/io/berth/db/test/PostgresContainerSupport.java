package io.berth.db.test;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * One PostgreSQL container per test JVM, started on first use and shared by every Spring context
 * (starting one costs seconds; a context per test class must not cost a container each).
 * Ryuk is disabled on the build machines, so a shutdown hook stops it; a killed JVM leaves it
 * behind, labelled {@value #LABEL}=true: {@code docker rm -f $(docker ps -aq -f label=berth.test=true)}.
 * Tests keep apart by using their own cluster names, not by cleaning the database.
 */
public final class PostgresContainerSupport {

    public static final String LABEL = "berth.test";

    private static PostgreSQLContainer container;

    private PostgresContainerSupport() {
    }

    public static synchronized PostgreSQLContainer container() {
        if (container == null) {
            PostgreSQLContainer started = new PostgreSQLContainer(PostgresTestImage.imageName())
                    .withDatabaseName("berth")
                    .withUsername("berth")
                    .withPassword("berth")
                    .withLabel(LABEL, "true")
                    // Durability is worthless for test data; these make commits cheap.
                    .withCommand("postgres", "-c", "fsync=off", "-c", "synchronous_commit=off",
                            "-c", "full_page_writes=off");
            started.start();
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "berth-postgres-stop"));
            container = started;
        }
        return container;
    }

    /** For a {@code @DynamicPropertySource} method; {@link PostgresTestConfiguration} does the same. */
    public static void registerDataSource(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> container().getJdbcUrl());
        registry.add("spring.datasource.username", () -> container().getUsername());
        registry.add("spring.datasource.password", () -> container().getPassword());
    }
}
