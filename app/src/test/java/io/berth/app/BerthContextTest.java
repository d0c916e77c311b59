package io.berth.app;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Base of tests that need the full application. All subclasses share one Spring context (same
 * configuration = same cache key), so the embedded PostgreSQL and the context start once per test run.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
public abstract class BerthContextTest {

    protected static final String TOKEN = "test-admin-token-of-at-least-32-chars";
    protected static final String BEARER = "Bearer " + TOKEN;
    private static final Path DATA_DIR = createDataDir();

    @DynamicPropertySource
    static void berthProperties(DynamicPropertyRegistry registry) {
        registry.add("berth.data-dir", DATA_DIR::toString);
        registry.add("berth.security.admin-token", () -> TOKEN);
        registry.add("berth.embedded-postgres.port", () -> 0);
        registry.add("server.port", () -> 0);
        registry.add("berth.discovery.dns.port", () -> 0);
        // Quick heartbeats so that the watch tests see one (and notice a client that left) without waiting 15 s.
        registry.add("berth.watch.heartbeat", () -> "500ms");
        // API tests check the API and the database; the loop against the real engine has its own tests.
        registry.add("berth.reconciler.enabled", () -> false);
    }

    private static Path createDataDir() {
        try {
            // Under target/ so that "mvn clean" removes the database and binaries it leaves behind.
            Path target = Files.createDirectories(Path.of("target"));
            return Files.createTempDirectory(target, "berth-test-").toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
