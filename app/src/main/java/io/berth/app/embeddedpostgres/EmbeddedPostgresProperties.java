package io.berth.app.embeddedpostgres;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The PostgreSQL Berth starts itself when no {@code spring.datasource.url} is configured.
 *
 * @param enabled        false = never start one (then a datasource must come from elsewhere)
 * @param port           TCP port on localhost; 0 = any free port (tests)
 * @param startupTimeout how long to wait for the server, crash recovery after a kill included
 */
@ConfigurationProperties("berth.embedded-postgres")
public record EmbeddedPostgresProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("54329") int port,
        @DefaultValue("60s") Duration startupTimeout) {
}
