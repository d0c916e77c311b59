package io.berth.app.watch;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The change log table (migration V8): numbering committed changes, reading them by position, pruning old ones.
 * The rows themselves are written by database triggers, in the transaction of each change.
 */
@Component
public class ChangeLog {

    /** Rows the sequencer numbers per transaction; more wait for its next round (which follows at once). */
    static final int SEQUENCE_BATCH = 1000;

    private static final RowMapper<Change> ROW = (rs, n) -> new Change(rs.getLong("seq"), rs.getString("kind"),
            rs.getString("op"), rs.getString("cluster"), rs.getString("service"), rs.getString("object_id"),
            rs.getString("payload"), rs.getTimestamp("created_at").toInstant());

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    public ChangeLog(JdbcTemplate jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /**
     * Gives the committed changes that have no position yet the next positions, in insert order. The row lock on
     * change_log_position makes concurrent sequencers (two Berths on one database) take turns, so positions are
     * handed out once and in the order readers can see them.
     *
     * @return how many changes were numbered
     */
    public int sequence() {
        Integer n = tx.execute(s -> {
            long last = jdbc.queryForObject("select last_seq from change_log_position for update", Long.class);
            int numbered = jdbc.update("""
                    update change_log c set seq = ? + p.n
                      from (select id, row_number() over (order by id) as n
                              from change_log where seq is null order by id limit ?) p
                     where c.id = p.id""", last, SEQUENCE_BATCH);
            if (numbered > 0) {
                jdbc.update("update change_log_position set last_seq = ?", last + numbered);
            }
            return numbered;
        });
        return n == null ? 0 : n;
    }

    /** The newest position handed out. */
    public long head() {
        return jdbc.queryForObject("select last_seq from change_log_position", Long.class);
    }

    /** Every position up to this one has been pruned. */
    public long prunedUpTo() {
        return jdbc.queryForObject("select pruned_seq from change_log_position", Long.class);
    }

    /** Changes after {@code after} up to {@code upTo} (both positions) that match the filter, oldest first. */
    public List<Change> read(long after, long upTo, WatchFilter filter, int limit) {
        StringBuilder sql = new StringBuilder("select seq, kind, op, cluster, service, object_id, payload, created_at"
                + " from change_log where seq > ? and seq <= ?");
        List<Object> args = new ArrayList<>(List.of(after, upTo));
        if (filter.cluster() != null) {
            sql.append(" and cluster = ?");
            args.add(filter.cluster());
        }
        if (filter.service() != null) {
            sql.append(" and service = ?");
            args.add(filter.service());
        }
        sql.append(" order by seq limit ?");
        args.add(limit);
        return jdbc.query(sql.toString(), ROW, args.toArray());
    }

    /** Deletes numbered changes older than {@code before} and records how far the log was pruned. */
    public int prune(Instant before) {
        Integer n = tx.execute(s -> {
            Long newest = jdbc.queryForObject("select max(seq) from change_log where seq is not null and created_at < ?",
                    Long.class, Timestamp.from(before));
            if (newest == null) {
                return 0;
            }
            int deleted = jdbc.update("delete from change_log where seq <= ?", newest);
            jdbc.update("update change_log_position set pruned_seq = greatest(pruned_seq, ?)", newest);
            return deleted;
        });
        return n == null ? 0 : n;
    }
}
