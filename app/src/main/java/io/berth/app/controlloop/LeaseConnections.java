package io.berth.app.controlloop;

import com.zaxxer.hikari.HikariDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

/**
 * Opens the lease's connection outside the pool (a pooled connection handed back would keep the lock), with bounds
 * on both ends so that a partitioned leader loses its lease in bounded time:
 * <ul>
 *   <li>client side: connect and socket timeouts of a third of the renew deadline, so a stalled check fails and is
 *   retried within the deadline instead of hanging the election's timer;</li>
 *   <li>server side: TCP keepalive and {@code tcp_user_timeout} that drop a silent leader's session — and with it
 *   the lock — after about twice the renew deadline. Twice: the leader steps down at the deadline, before the
 *   server frees the lock for another Berth, so two loops do not run at once.</li>
 * </ul>
 */
final class LeaseConnections implements LeaderLease.ConnectionSource {

    private final String url;
    private final Properties properties;

    LeaseConnections(String url, String user, String password, Duration renewDeadline) {
        this.url = url;
        this.properties = properties(user, password, renewDeadline);
    }

    static LeaseConnections of(DataSource dataSource, Duration renewDeadline) {
        if (dataSource instanceof HikariDataSource hikari) {
            return new LeaseConnections(hikari.getJdbcUrl(), hikari.getUsername(), hikari.getPassword(), renewDeadline);
        }
        throw new IllegalStateException("leader election needs the connection settings of a HikariDataSource, got "
                + dataSource.getClass().getName() + " (or set berth.reconciler.leader-election=false)");
    }

    /** The PostgreSQL JDBC driver's properties for a lease connection (whole seconds, at least 1). */
    static Properties properties(String user, String password, Duration renewDeadline) {
        long deadline = Math.max(1, renewDeadline.toSeconds());
        long third = Math.max(1, deadline / 3);
        Properties p = new Properties();
        if (user != null) {
            p.setProperty("user", user);
        }
        if (password != null) {
            p.setProperty("password", password);
        }
        p.setProperty("connectTimeout", Long.toString(third));
        p.setProperty("socketTimeout", Long.toString(third));
        p.setProperty("tcpKeepAlive", "true");
        // idle + count × interval = 2 × deadline of silence before the server gives up on the leader's session
        p.setProperty("options", "-c tcp_keepalives_idle=" + deadline
                + " -c tcp_keepalives_interval=" + third
                + " -c tcp_keepalives_count=3"
                + " -c tcp_user_timeout=" + (2 * deadline * 1000));
        return p;
    }

    @Override
    public Connection open() throws SQLException {
        return DriverManager.getConnection(url, properties);
    }
}
