package io.berth.app.database;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Puts {@link DatabaseTimeouts} on every Hikari pool of the application (the embedded database's and one configured
 * with {@code spring.datasource.*}) as session options of its connections, before the pool opens any: set on the
 * server for the whole session, they bound JPA, JdbcTemplate and native queries alike, which a JDBC query timeout
 * set per statement would not. Options already given ({@code spring.datasource.hikari.data-source-properties.options})
 * are kept, after ours, so that they win.
 */
public final class StatementTimeouts implements BeanPostProcessor, EnvironmentAware {

    private DatabaseTimeouts timeouts = new DatabaseTimeouts(null, null);

    @Override
    public void setEnvironment(Environment environment) {
        timeouts = Binder.get(environment).bindOrCreate("berth.database", DatabaseTimeouts.class);
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource hikari && !hikari.isRunning()) {
            apply(hikari, timeouts);
        }
        return bean;
    }

    static void apply(HikariDataSource hikari, DatabaseTimeouts timeouts) {
        Object given = hikari.getDataSourceProperties().get("options");
        String options = timeouts.sessionOptions() + (given == null || given.toString().isBlank() ? "" : " " + given);
        hikari.addDataSourceProperty("options", options);
    }
}
