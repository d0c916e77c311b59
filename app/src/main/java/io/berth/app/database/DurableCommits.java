package io.berth.app.database;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Every session of the application's pools commits synchronously ({@code synchronous_commit=on}, PostgreSQL's own
 * default), whatever the server's or the role's default says. Berth answers 2xx once a commit has returned, and an
 * accepted run-task or apply must not be lost: with {@code synchronous_commit=off} a commit returns before its WAL is
 * written, and a crash of the server (or a stop that ends in SIGKILL) in the next fraction of a second loses a
 * transaction the API has already confirmed — and other sessions had already seen. Set as a session option before the
 * pool opens a connection; options already given ({@code spring.datasource.hikari.data-source-properties.options},
 * e.g. {@code -c synchronous_commit=remote_apply}) are kept after it, so that they win.
 */
public final class DurableCommits implements BeanPostProcessor {

    static final String OPTION = "-c synchronous_commit=on";

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource hikari && !hikari.isRunning()) {
            apply(hikari);
        }
        return bean;
    }

    static void apply(HikariDataSource hikari) {
        Object given = hikari.getDataSourceProperties().get("options");
        hikari.addDataSourceProperty("options", OPTION + (given == null || given.toString().isBlank() ? "" : " " + given));
    }
}
