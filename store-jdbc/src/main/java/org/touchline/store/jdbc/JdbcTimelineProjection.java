package org.touchline.store.jdbc;

import org.touchline.domain.store.ProjectionChanges;
import org.touchline.domain.store.TimelineProjection;
import org.touchline.domain.store.TimelineRow;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

import static org.touchline.store.jdbc.ProjectionSql.forget;
import static org.touchline.store.jdbc.ProjectionSql.rows;
import static org.touchline.store.jdbc.ProjectionSql.update;

/** The timelines, in the table {@code timeline}: one row per customer an entry is about, with the customer's role in it. */
final class JdbcTimelineProjection implements TimelineProjection {
    private static final String TIMELINE_ROW = "INSERT INTO timeline (customer, at, idx, role) VALUES (?, ?, ?, ?)";
    private static final Comparator<TimelineRow> KEY_ORDER = Comparator.comparing(TimelineRow::customerId)
            .thenComparingLong(TimelineRow::occurredAtMillis).thenComparingLong(TimelineRow::index).thenComparing(TimelineRow::role);
    private final ProjectionSql sql;

    JdbcTimelineProjection(ProjectionSql sql) { this.sql = sql; }

    /** What a batch changes here, in the caller's transaction (see {@link JdbcProjections#applyIn}). */
    void applyIn(Session s, ProjectionChanges c) throws SQLException {
        // In key order; rows that may already be there by an INSERT that skips them.
        PreparedStatement rows = s.prepare(sql.dialect().insertIgnoringDuplicates(TIMELINE_ROW));
        for (TimelineRow x : c.timeline.stream().sorted(KEY_ORDER).toList()) {
            rows.setString(1, x.customerId());
            rows.setLong(2, x.occurredAtMillis());
            rows.setLong(3, x.index());
            rows.setString(4, x.role());
            rows.addBatch();
        }
        rows.executeBatch();
        // A merge moves the absorbed customer's rows, this batch's too, to the survivor.
        for (ProjectionChanges.Merge m : c.merges) {
            update(s, sql.dialect().insertIgnoringDuplicates("INSERT INTO timeline (customer, at, idx, role) SELECT ?, at, idx, role FROM timeline WHERE customer = ?"),
                    m.survivor(), m.absorbed());
            update(s, "DELETE FROM timeline WHERE customer = ?", m.absorbed());
        }
        for (ProjectionChanges.Move m : c.moves) {
            PreparedStatement del = s.prepare("DELETE FROM timeline WHERE customer = ? AND at = ? AND idx = ? AND role = ?");
            del.setString(1, m.from());
            del.setLong(2, m.occurredAtMillis());
            del.setLong(3, m.index());
            del.setString(4, m.role());
            del.executeUpdate();
            PreparedStatement ins = s.prepare(sql.dialect().insertIgnoringDuplicates(TIMELINE_ROW));
            ins.setString(1, m.to());
            ins.setLong(2, m.occurredAtMillis());
            ins.setLong(3, m.index());
            ins.setString(4, m.role());
            ins.executeUpdate();
        }
        forget(s, c.erased, List.of("DELETE FROM timeline WHERE customer = ?"));
    }

    @Override
    public List<TimelineRow> timeline(Collection<String> customers, Long beforeMillis, Long beforeIndex, int limit) {
        if (customers.size() == 1) return timeline(customers.iterator().next(), beforeMillis, beforeIndex, limit);
        SqlDialect dialect = sql.dialect();
        return sql.db().read(s -> {
            List<Object> args = new ArrayList<>(dialect.listArguments(s, customers));
            String where = dialect.oneOf("customer", customers.size());
            if (beforeMillis != null) {
                where += " AND (at < ? OR (at = ? AND idx < ?))";
                args.add(beforeMillis);
                args.add(beforeMillis);
                args.add(beforeIndex == null ? Long.MAX_VALUE : beforeIndex);
            }
            args.add(limit);
            return rows(s, "SELECT customer, at, idx, role FROM timeline WHERE " + where + " ORDER BY at DESC, idx DESC, customer LIMIT ?",
                    rs -> new TimelineRow(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getString(4)), args.toArray());
        });
    }

    @Override
    public long timelineCount(Collection<String> customers) {
        long n = 0;
        for (String c : customers) n += timelineCount(c);
        return n;
    }

    @Override
    public List<TimelineRow> timeline(String customerId, Long beforeMillis, Long beforeIndex, int limit) {
        return sql.db().read(s -> {
            PreparedStatement ps;
            if (beforeMillis == null) {
                ps = s.prepare("SELECT at, idx, role FROM timeline WHERE customer = ? ORDER BY at DESC, idx DESC LIMIT ?");
                ps.setString(1, customerId);
                ps.setInt(2, limit);
            } else {
                ps = s.prepare("SELECT at, idx, role FROM timeline WHERE customer = ? AND (at < ? OR (at = ? AND idx < ?)) "
                        + "ORDER BY at DESC, idx DESC LIMIT ?");
                ps.setString(1, customerId);
                ps.setLong(2, beforeMillis);
                ps.setLong(3, beforeMillis);
                ps.setLong(4, beforeIndex == null ? Long.MAX_VALUE : beforeIndex);
                ps.setInt(5, limit);
            }
            List<TimelineRow> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(new TimelineRow(customerId, rs.getLong(1), rs.getLong(2), rs.getString(3)));
            }
            return out;
        });
    }

    @Override
    public long timelineCount(String customerId) {
        return sql.db().read(s -> {
            // Interactions only: identity decisions, consents and ratings are on the timeline too, but "how many
            // interactions" is the question.
            PreparedStatement ps = s.prepare("SELECT COUNT(*) FROM timeline WHERE customer = ? AND role NOT IN ('identity', 'consent', 'rating', 'token', 'action', 'contract', 'recommendation', 'outcome')");
            ps.setString(1, customerId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }

    @Override
    public void allTimeline(String role, Consumer<TimelineRow> out) {
        sql.db().stream(s -> {
            PreparedStatement ps = s.prepare("SELECT customer, at, idx FROM timeline WHERE role = ? ORDER BY customer, at, idx");
            ps.setFetchSize(JdbcLedger.FETCH);
            ps.setString(1, role);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.accept(new TimelineRow(rs.getString(1), rs.getLong(2), rs.getLong(3), role));
            }
            return null;
        });
    }
}
