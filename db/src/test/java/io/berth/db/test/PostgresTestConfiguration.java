package io.berth.db.test;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * {@code @Import} this into a Spring Boot test to point its DataSource at the shared container.
 * Deliberately not a container bean with {@code @ServiceConnection}: Spring would stop the container
 * when the first context closes, while other cached contexts still use it.
 */
@TestConfiguration(proxyBeanMethods = false)
public class PostgresTestConfiguration {

    @Bean
    static DynamicPropertyRegistrar berthPostgresDataSource() {
        return PostgresContainerSupport::registerDataSource;
    }
}
