package io.berth.app.database;

import com.zaxxer.hikari.HikariDataSource;
import io.berth.app.BerthContextTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The pool the control loop and the API share bounds every statement on the server: a {@code pg_sleep} past the
 * statement timeout is cancelled, a wait for a lock past the lock timeout fails. Prints how long each was held.
 */
class StatementTimeoutsTest extends BerthContextTest {

    @Autowired
    private DataSource dataSource;

    @Test
    void theApplicationsPoolCarriesTheDefaultBounds() {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        assertThat(jdbc.queryForObject("show statement_timeout", String.class)).isEqualTo("30s");
        assertThat(jdbc.queryForObject("show lock_timeout", String.class)).isEqualTo("10s");
    }

    @Test
    void aStatementPastTheTimeoutIsCancelledAndALockWaitPastItsTimeoutFails() throws Exception {
        HikariDataSource app = (HikariDataSource) dataSource;
        try (HikariDataSource bounded = new HikariDataSource()) {
            bounded.setJdbcUrl(app.getJdbcUrl());
            bounded.setUsername(app.getUsername());
            bounded.setPassword(app.getPassword());
            bounded.setMaximumPoolSize(2);
            bounded.addDataSourceProperty("options", "-c work_mem=5MB");
            StatementTimeouts.apply(bounded, new DatabaseTimeouts(Duration.ofMillis(300), Duration.ofMillis(200)));

            try (Connection c = bounded.getConnection(); Statement s = c.createStatement()) {
                long start = System.nanoTime();
                assertThatThrownBy(() -> s.execute("select pg_sleep(20)")).isInstanceOfSatisfying(SQLException.class,
                        e -> assertThat(e.getSQLState()).as("query_canceled").isEqualTo("57014"));
                System.out.printf("statement timeout: pg_sleep(20) cancelled after %d ms%n",
                        (System.nanoTime() - start) / 1_000_000);
                try (var rs = s.executeQuery("show work_mem")) {
                    rs.next();
                    assertThat(rs.getString(1)).as("options given before are kept").isEqualTo("5MB");
                }
            }

            String table = "lock_probe_" + UUID.randomUUID().toString().replace("-", "");
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            jdbc.execute("create table " + table + " (id int primary key)");
            try (Connection holder = dataSource.getConnection(); Connection waiter = bounded.getConnection()) {
                holder.setAutoCommit(false);
                try (Statement s = holder.createStatement()) {
                    s.execute("lock table " + table + " in access exclusive mode");
                }
                long start = System.nanoTime();
                try (Statement s = waiter.createStatement()) {
                    assertThatThrownBy(() -> s.executeQuery("select count(*) from " + table))
                            .isInstanceOfSatisfying(SQLException.class,
                                    e -> assertThat(e.getSQLState()).as("lock_not_available").isEqualTo("55P03"));
                }
                System.out.printf("lock timeout: a blocked select failed after %d ms%n",
                        (System.nanoTime() - start) / 1_000_000);
                holder.rollback();
            } finally {
                jdbc.execute("drop table " + table);
            }
        }
    }
}
