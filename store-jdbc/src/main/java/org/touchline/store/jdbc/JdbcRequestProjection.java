package org.touchline.store.jdbc;

import org.touchline.domain.store.ProjectionChanges;
import org.touchline.domain.store.RequestProjection;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import static org.touchline.store.jdbc.ProjectionSql.rows;

/**
 * Data-subject requests as they stand, in the table {@code data_requests}: a row when one is filed, changed by each
 * later step. An erasure leaves them: they record that the customer's rights were honoured (docs/requests.md).
 */
final class JdbcRequestProjection implements RequestProjection {
    private static final String COLUMNS = "entry, type, customer, channel, status, received_at, due_at, last_entry";
    private final ProjectionSql sql;

    JdbcRequestProjection(ProjectionSql sql) { this.sql = sql; }

    /**
     * What a batch changes here, in the caller's transaction (see {@link JdbcProjections#applyIn}): requests filed first,
     * then the steps, in ledger order, so a step finds the request even when both came in one batch.
     */
    void applyIn(Session s, ProjectionChanges c) throws SQLException {
        if (c.requests.isEmpty() && c.requestSteps.isEmpty()) return;
        Rows filed = sql.dialect().rows("data_requests", "entry", "type", "customer", "channel", "status", "received_at", "due_at", "last_entry");
        for (ProjectionChanges.RequestRow r : c.requests)
            filed.row(r.entry(), r.type(), r.customer(), r.channel(), r.status(), r.receivedAt(), r.dueAt(), r.lastEntry());
        filed.into(s);
        if (c.requestSteps.isEmpty()) return;
        PreparedStatement step = s.prepare("UPDATE data_requests SET status = ?, customer = COALESCE(?, customer), "
                + "due_at = CASE WHEN ? < 0 THEN due_at ELSE ? END, last_entry = ? WHERE entry = ?");
        for (ProjectionChanges.RequestStep r : c.requestSteps) {
            step.setString(1, r.status());
            step.setString(2, r.customer());
            step.setLong(3, r.dueAt());
            step.setLong(4, r.dueAt());
            step.setLong(5, r.entry());
            step.setLong(6, r.request());
            step.addBatch();
        }
        step.executeBatch();
    }

    private static ProjectionChanges.RequestRow row(ResultSet rs) throws SQLException {
        return new ProjectionChanges.RequestRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getLong(6), rs.getLong(7), rs.getLong(8));
    }

    @Override
    public List<ProjectionChanges.RequestRow> requests(Collection<String> statuses, String type, int limit) {
        SqlDialect dialect = sql.dialect();
        return sql.db().read(s -> {
            List<String> where = new ArrayList<>();
            List<Object> args = new ArrayList<>();
            if (!statuses.isEmpty()) {
                where.add(dialect.oneOf("status", statuses.size()));
                args.addAll(dialect.listArguments(s, statuses));
            }
            if (type != null) {
                where.add("type = ?");
                args.add(type);
            }
            args.add((long) limit);
            return rows(s, "SELECT " + COLUMNS + " FROM data_requests" + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                    + " ORDER BY due_at, entry LIMIT ?", JdbcRequestProjection::row, args.toArray());
        });
    }

    @Override
    public Optional<ProjectionChanges.RequestRow> request(long entry) {
        return sql.list("SELECT " + COLUMNS + " FROM data_requests WHERE entry = ?", JdbcRequestProjection::row, entry).stream().findFirst();
    }

    @Override
    public List<ProjectionChanges.RequestRow> requestsOf(Collection<String> customers) {
        if (customers.isEmpty()) return List.of();
        SqlDialect dialect = sql.dialect();
        return sql.db().read(s -> rows(s, "SELECT " + COLUMNS + " FROM data_requests WHERE " + dialect.oneOf("customer", customers.size())
                + " ORDER BY entry DESC", JdbcRequestProjection::row, dialect.listArguments(s, customers).toArray()));
    }
}
