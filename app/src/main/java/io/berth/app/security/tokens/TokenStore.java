package io.berth.app.security.tokens;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The {@code api_token} table (migration V22). */
@Component
public class TokenStore {

    /** A list is bounded like every list of the API; far more tokens than any installation hands out. */
    public static final int MAX_LISTED = 1000;
    /** lastUsedAt is a hint for finding unused tokens, not an audit trail: writing it on every request would turn reads into writes. */
    static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    private static final String COLUMNS = "name, role, clusters, created_by, created_at, expires_at, last_used_at, revoked_at";
    private static final RowMapper<ApiToken> ROW = TokenStore::row;

    private final JdbcTemplate jdbc;

    public TokenStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores a new token; a revoked token of the same name is replaced (its name is free again).
     *
     * @return false when a token of that name exists and is not revoked
     */
    public boolean insert(ApiToken token, byte[] hash) {
        return jdbc.update("""
                insert into api_token (name, token_hash, role, clusters, created_by, created_at, expires_at)
                values (?, ?, ?, ?::text[], ?, ?, ?)
                on conflict (name) do update set token_hash = excluded.token_hash, role = excluded.role,
                    clusters = excluded.clusters, created_by = excluded.created_by, created_at = excluded.created_at,
                    expires_at = excluded.expires_at, last_used_at = null, revoked_at = null
                where api_token.revoked_at is not null
                """, token.name(), hash, token.role(), arrayLiteral(token.clusters()), token.createdBy(),
                Timestamp.from(token.createdAt()), token.expiresAt() == null ? null : Timestamp.from(token.expiresAt())) == 1;
    }

    public Optional<ApiToken> findByHash(byte[] hash) {
        return jdbc.query("select " + COLUMNS + " from api_token where token_hash = ?", ROW, hash).stream().findFirst();
    }

    /** A token that is not revoked. */
    public Optional<ApiToken> find(String name) {
        return jdbc.query("select " + COLUMNS + " from api_token where name = ? and revoked_at is null", ROW, name)
                .stream().findFirst();
    }

    /** Tokens that are not revoked, by name, at most {@link #MAX_LISTED}. */
    public List<ApiToken> list() {
        return jdbc.query("select " + COLUMNS + " from api_token where revoked_at is null order by name limit ?",
                ROW, MAX_LISTED);
    }

    /** @return false when there is no such (unrevoked) token */
    public boolean revoke(String name, Instant now) {
        return jdbc.update("update api_token set revoked_at = ? where name = ? and revoked_at is null",
                Timestamp.from(now), name) == 1;
    }

    /**
     * Records a use at most once a {@link #LAST_USED_RESOLUTION} per token, also across several Berth processes
     * (the condition is in the statement).
     */
    public void touch(ApiToken token, Instant now) {
        if (token.lastUsedAt() != null && now.isBefore(token.lastUsedAt().plus(LAST_USED_RESOLUTION))) {
            return;
        }
        jdbc.update("update api_token set last_used_at = ? where name = ? and (last_used_at is null or last_used_at <= ?)",
                Timestamp.from(now), token.name(), Timestamp.from(now.minus(LAST_USED_RESOLUTION)));
    }

    private static ApiToken row(ResultSet rs, int rowNum) throws SQLException {
        Array clusters = rs.getArray("clusters");
        Set<String> names = clusters == null ? Set.of() : new TreeSet<>(Arrays.asList((String[]) clusters.getArray()));
        return new ApiToken(rs.getString("name"), rs.getString("role"), names, rs.getString("created_by"),
                instant(rs, "created_at"), instant(rs, "expires_at"), instant(rs, "last_used_at"), instant(rs, "revoked_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    /** Cluster names are validated ([a-zA-Z0-9_-]), so they need no quoting inside the array literal. */
    private static String arrayLiteral(Set<String> clusters) {
        return "{" + String.join(",", new TreeSet<>(clusters)) + "}";
    }
}
