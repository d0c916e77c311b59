package io.berth.app.embeddedpostgres;

import com.zaxxer.hikari.HikariDataSource;
import io.berth.app.BerthProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;

/**
 * Without {@code spring.datasource.url}, Berth runs its own PostgreSQL and points the connection pool at it.
 * Defining the {@code DataSource} here makes Boot's datasource auto-configuration step back; Flyway and JPA
 * use this one. The pool depends on the server bean, so Spring closes the pool first and the server last.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedPostgresCondition.class)
public class EmbeddedPostgresConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedPostgresServer embeddedPostgresServer(BerthProperties berth, EmbeddedPostgresProperties properties)
            throws IOException {
        return EmbeddedPostgresServer.start(berth.dataDir(), properties.port(), properties.startupTimeout());
    }

    /** Pool settings still come from {@code spring.datasource.hikari.*}. */
    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedPostgresServer server) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(server.jdbcUrl());
        dataSource.setUsername(server.username());
        dataSource.setPassword(server.password());
        dataSource.setPoolName("berth-embedded");
        return dataSource;
    }
}
