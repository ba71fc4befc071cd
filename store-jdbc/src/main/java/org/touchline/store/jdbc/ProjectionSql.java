package org.touchline.store.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * What every part of the projections shares: the {@link Database} they live in, its {@link SqlDialect}, and the few ways
 * their statements run (a list, a streamed scan, a lookup in chunks, a replaced row). The SQL itself stays with the part
 * whose tables it reads.
 */
final class ProjectionSql {
    /** Turns the current row of a result into a value. */
    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** Takes the current row of a result. */
    @FunctionalInterface
    interface RowConsumer {
        void accept(ResultSet rs) throws SQLException;
    }

    private final Database db;
    private final SqlDialect dialect;

    ProjectionSql(Database db) {
        this.db = db;
        this.dialect = db.dialect();
    }

    Database db() { return db; }

    SqlDialect dialect() { return dialect; }

    /** Every row of {@code sql} on a read connection. */
    <T> List<T> list(String sql, RowMapper<T> mapper, Object... args) {
        return db.read(s -> rows(s, sql, mapper, args));
    }

    static <T> List<T> rows(Session s, String sql, RowMapper<T> mapper, Object... args) throws SQLException {
        PreparedStatement ps = s.prepare(sql);
        for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
        List<T> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) out.add(mapper.map(rs));
        }
        return out;
    }

    /**
     * Every row of {@code sql}, streamed to {@code out} (see {@link Database#stream}). In primary-key order, so callers
     * see the same order on every database.
     */
    <T> void scan(String sql, RowMapper<T> mapper, Consumer<? super T> out, Object... args) {
        db.stream(s -> {
            PreparedStatement ps = s.prepare(sql);
            ps.setFetchSize(JdbcLedger.FETCH);
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.accept(mapper.map(rs));
            }
            return null;
        });
    }

    /** Runs {@code sql} (its {@code %s} a {@link SqlDialect#oneOf} condition on {@code column}) over {@code values} in chunks the dialect allows, on one read connection. */
    void inChunks(Collection<String> values, String sql, String column, RowConsumer out) {
        if (values.isEmpty()) return;
        List<String> all = new ArrayList<>(new LinkedHashSet<>(values));
        int chunk = Math.min(dialect.longestList(), 5_000);
        db.read(s -> {
            for (int from = 0; from < all.size(); from += chunk) {
                List<String> part = new ArrayList<>(all.subList(from, Math.min(all.size(), from + chunk)));
                // Padded to a power of two (repeating a value changes no answer), so a handful of statements serve
                // every list length instead of one prepared statement per length.
                int padded = Math.min(chunk, Integer.highestOneBit(part.size() - 1) << 1);
                while (part.size() < padded) part.add(part.get(0));
                PreparedStatement ps = s.prepare(String.format(sql, dialect.oneOf(column, part.size())));
                List<Object> args = dialect.listArguments(s, part);
                for (int i = 0; i < args.size(); i++) ps.setObject(i + 1, args.get(i));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.accept(rs);
                }
            }
            return null;
        });
    }

    /** Whether {@code table} (a projection table, never input) holds a row: one index probe, not a count. */
    boolean anyRow(String table) {
        return db.read(s -> {
            try (ResultSet rs = s.prepare("SELECT 1 FROM " + table + " LIMIT 1").executeQuery()) {
                return rs.next();
            }
        });
    }

    /** Rows keyed by customer that are replaced whole (profiles, facts); a null value deletes the row. Keys in order. */
    void replaceOrDelete(Session s, String table, String key, String value, Map<String, ?> rows) throws SQLException {
        if (rows.isEmpty()) return;
        PreparedStatement put = s.prepare(dialect.upsert(table, key, value));
        PreparedStatement drop = s.prepare("DELETE FROM " + table + " WHERE " + key + " = ?");
        for (var e : new TreeMap<String, Object>(rows).entrySet()) {
            if (e.getValue() == null) {
                drop.setString(1, e.getKey());
                drop.addBatch();
            } else {
                put.setString(1, e.getKey());
                put.setObject(2, e.getValue());
                put.addBatch();
            }
        }
        drop.executeBatch();
        put.executeBatch();
    }

    static void update(Session s, String sql, String... args) throws SQLException {
        PreparedStatement ps = s.prepare(sql);
        for (int i = 0; i < args.length; i++) ps.setString(i + 1, args[i]);
        ps.executeUpdate();
    }

    /**
     * What an erasure does to a part: each of {@code deletes} run for each erased customer in turn, the customer's id
     * bound to every parameter.
     */
    static void forget(Session s, List<String> erased, List<String> deletes) throws SQLException {
        for (String customer : erased)
            for (String sql : deletes)
                update(s, sql, Collections.nCopies((int) sql.chars().filter(ch -> ch == '?').count(), customer).toArray(String[]::new));
    }
}
