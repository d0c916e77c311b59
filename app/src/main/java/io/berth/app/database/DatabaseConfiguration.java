package io.berth.app.database;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;

/** Statement and lock timeouts and synchronous commits on the application's pool; migrations without them. */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    /** Static: a post-processor must exist before the beans it processes. */
    @Bean
    static StatementTimeouts statementTimeouts() {
        return new StatementTimeouts();
    }

    /** Static, as {@link #statementTimeouts()}. */
    @Bean
    static DurableCommits durableCommits() {
        return new DurableCommits();
    }

    /**
     * Migrations on connections of their own, outside the pool and without its timeouts: a migration of a large table
     * may rightly take longer than a pass may, and a pooled connection given back must not keep a lifted bound.
     */
    @Bean
    FlywayConfigurationCustomizer unboundedMigrations(ObjectProvider<DataSource> dataSource) {
        return configuration -> {
            if (dataSource.getIfAvailable() instanceof HikariDataSource hikari && hikari.getJdbcUrl() != null) {
                configuration.dataSource(hikari.getJdbcUrl(), hikari.getUsername(), hikari.getPassword());
            }
        };
    }
}
