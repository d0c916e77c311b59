package io.berth.app.e2e;

import org.testcontainers.postgresql.PostgreSQLContainer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Databases of their own inside the tests' PostgreSQL container. */
final class PostgresDatabases {

    private static final Pattern JDBC_URL = Pattern.compile("(jdbc:postgresql://[^/]+/)([^?]*)(.*)");
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private PostgresDatabases() {
    }

    /** Creates database {@code name} unless it exists; returns its JDBC URL. */
    static String ensure(PostgreSQLContainer pg, String name) {
        if (!NAME.matcher(name).matches()) {
            // the name goes into CREATE DATABASE unquoted
            throw new IllegalArgumentException("database name must match " + NAME + ": " + name);
        }
        try (Connection c = DriverManager.getConnection(pg.getJdbcUrl(), pg.getUsername(), pg.getPassword());
             PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, name);
            try (ResultSet r = exists.executeQuery()) {
                if (!r.next()) {
                    try (Statement create = c.createStatement()) {
                        create.execute("CREATE DATABASE " + name);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
        Matcher m = JDBC_URL.matcher(pg.getJdbcUrl());
        if (!m.matches()) {
            throw new IllegalStateException("unexpected JDBC URL " + pg.getJdbcUrl());
        }
        return m.group(1) + name + m.group(3);
    }
}
