package org.touchline.store.jdbc;

import org.touchline.domain.EventEntry;
import org.touchline.domain.store.EventProjection;
import org.touchline.domain.store.ProjectionChanges;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

import static org.touchline.store.jdbc.ProjectionSql.forget;
import static org.touchline.store.jdbc.ProjectionSql.rows;

/** Consent, rating and erasure entries by the customers they name, in the table {@code events}. */
final class JdbcEventProjection implements EventProjection {
    private final ProjectionSql sql;

    JdbcEventProjection(ProjectionSql sql) { this.sql = sql; }

    /**
     * What a batch changes here, in the caller's transaction (see {@link JdbcProjections#applyIn}). An erasure keeps its
     * own row, so a lookup can say the customer was erased, and the steps of data-subject requests, the record that the
     * customer's rights were honoured (they hold no personal data).
     */
    void applyIn(Session s, ProjectionChanges c) throws SQLException {
        Rows events = sql.dialect().rows("events", "entry", "kind", "customer", "about", "event");
        for (ProjectionChanges.EventRow e : c.events)
            events.row(e.entry(), e.event().kind(), e.event().customerId(), e.event().about(), e.event().leaf());
        events.into(s);
        forget(s, c.erased, List.of("DELETE FROM events WHERE customer = ? AND kind NOT IN ('erasure', 'request')"));
    }

    /** A row of {@code SELECT entry, event FROM events}. */
    private static ProjectionChanges.EventRow event(ResultSet rs) throws SQLException {
        return new ProjectionChanges.EventRow(rs.getLong(1), EventEntry.parse(rs.getBytes(2)));
    }

    @Override
    public List<ProjectionChanges.EventRow> events(Collection<String> customers, String kind) {
        if (customers.isEmpty()) return List.of();
        SqlDialect dialect = sql.dialect();
        return sql.db().read(s -> {
            List<Object> args = new ArrayList<>(dialect.listArguments(s, customers));
            args.add(kind);
            return rows(s, "SELECT entry, event FROM events WHERE " + dialect.oneOf("customer", customers.size()) + " AND kind = ? ORDER BY entry",
                    JdbcEventProjection::event, args.toArray());
        });
    }

    @Override
    public void allEvents(String kind, Consumer<ProjectionChanges.EventRow> out) {
        sql.db().stream(s -> {
            PreparedStatement ps = s.prepare("SELECT entry, event FROM events WHERE kind = ? ORDER BY entry");
            ps.setFetchSize(JdbcLedger.FETCH);
            ps.setString(1, kind);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.accept(event(rs));
            }
            return null;
        });
    }

    @Override
    public List<ProjectionChanges.EventRow> eventsAbout(long about, String kind) {
        return sql.list("SELECT entry, event FROM events WHERE about = ? AND kind = ? ORDER BY entry", JdbcEventProjection::event, about, kind);
    }
}
