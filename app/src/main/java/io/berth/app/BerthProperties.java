package io.berth.app;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;

/**
 * @param dataDir where Berth keeps its state on this host: the generated admin token and the embedded
 *                PostgreSQL data directory. Default {@code ${user.home}/.berth} (see application.yml).
 */
@ConfigurationProperties("berth")
public record BerthProperties(Path dataDir) {
}
