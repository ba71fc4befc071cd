package org.touchline.store.jdbc;

import org.touchline.domain.store.CustomerProjection;
import org.touchline.domain.store.ProjectionChanges;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import static org.touchline.store.jdbc.ProjectionSql.forget;
import static org.touchline.store.jdbc.ProjectionSql.update;

/** The customers, the identifier index and the merges, in the tables {@code customers}, {@code identifiers} and {@code merges}. */
final class JdbcCustomerProjection implements CustomerProjection {
    private final ProjectionSql sql;

    JdbcCustomerProjection(ProjectionSql sql) { this.sql = sql; }

    /** What a batch changes here, in the caller's transaction (see {@link JdbcProjections#applyIn}). */
    void applyIn(Session s, ProjectionChanges c) throws SQLException {
        // New rows the dialect's cheapest way, in key order (a B-tree takes sorted inserts with far fewer page
        // writes).
        Rows customers = sql.dialect().rows("customers", "id", "created_at");
        for (ProjectionChanges.Customer x : c.customers.stream().sorted(Comparator.comparing(ProjectionChanges.Customer::id)).toList())
            customers.row(x.id(), x.createdAt());
        customers.into(s);
        Rows links = sql.dialect().rows("identifiers", "key", "type", "customer", "at_index", "origin");
        for (ProjectionChanges.Link x : c.links.stream().sorted(Comparator.comparing(ProjectionChanges.Link::identifierKey)).toList())
            links.row(x.identifierKey(), x.identifierType(), x.customerId(), x.atIndex(), x.origin());
        links.into(s);
        for (ProjectionChanges.Merge m : c.merges) {
            PreparedStatement merge = s.prepare("INSERT INTO merges (absorbed, survivor, at_index, merged_into) VALUES (?, ?, ?, ?)");
            merge.setString(1, m.absorbed());
            merge.setString(2, m.survivor());
            merge.setLong(3, m.atIndex());
            merge.setString(4, m.into());
            merge.executeUpdate();
            // The absorbed customer's identifiers and older merges now point at the survivor.
            update(s, "UPDATE identifiers SET customer = ? WHERE customer = ?", m.survivor(), m.absorbed());
            update(s, "UPDATE merges SET survivor = ? WHERE survivor = ?", m.survivor(), m.absorbed());
        }
        for (ProjectionChanges.Unmerge u : c.unmerges) {
            update(s, "DELETE FROM merges WHERE absorbed = ?", u.absorbed());
            for (String r : u.reattached()) update(s, "UPDATE merges SET survivor = ? WHERE absorbed = ?", u.absorbed(), r);
        }
        for (ProjectionChanges.Relink r : c.relinks) update(s, "UPDATE identifiers SET customer = ? WHERE key = ?", r.customerId(), r.identifierKey());
        forget(s, c.erased, List.of("DELETE FROM identifiers WHERE customer = ?", "DELETE FROM customers WHERE id = ?",
                "DELETE FROM merges WHERE absorbed = ? OR survivor = ?"));
    }

    /** A row of {@code SELECT key, type, customer, at_index, origin FROM identifiers}. */
    private static ProjectionChanges.Link link(ResultSet rs) throws SQLException {
        return new ProjectionChanges.Link(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5));
    }

    /** A row of {@code SELECT absorbed, survivor, at_index, merged_into FROM merges}. */
    private static ProjectionChanges.Merge merge(ResultSet rs) throws SQLException {
        return new ProjectionChanges.Merge(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4));
    }

    @Override
    public void loadCustomers(Consumer<ProjectionChanges.Customer> out) {
        sql.scan("SELECT id, created_at FROM customers ORDER BY id", rs -> new ProjectionChanges.Customer(rs.getString(1), rs.getLong(2)), out);
    }

    @Override
    public void loadLinks(Consumer<ProjectionChanges.Link> out) {
        sql.scan("SELECT key, type, customer, at_index, origin FROM identifiers ORDER BY key", JdbcCustomerProjection::link, out);
    }

    @Override
    public void loadMerges(Consumer<ProjectionChanges.Merge> out) {
        sql.scan("SELECT absorbed, survivor, at_index, merged_into FROM merges ORDER BY absorbed", JdbcCustomerProjection::merge, out);
    }

    @Override
    public Optional<String> customerByIdentifierKey(String identifierKey) {
        return sql.list("SELECT customer FROM identifiers WHERE key = ?", rs -> rs.getString(1), identifierKey).stream().findFirst();
    }

    @Override
    public List<ProjectionChanges.Link> linksOf(String customerId) {
        return sql.list("SELECT key, type, customer, at_index, origin FROM identifiers WHERE customer = ? ORDER BY at_index, key",
                JdbcCustomerProjection::link, customerId);
    }

    @Override
    public List<ProjectionChanges.Merge> mergesInto(String customerId) {
        return sql.list("SELECT absorbed, survivor, at_index, merged_into FROM merges WHERE survivor = ? ORDER BY at_index, absorbed",
                JdbcCustomerProjection::merge, customerId);
    }

    @Override
    public Optional<Long> createdAt(String customerId) {
        return sql.list("SELECT created_at FROM customers WHERE id = ?", rs -> rs.getLong(1), customerId).stream().findFirst();
    }

    /** Merge rows always point at the final survivor (merges re-point older rows), so one lookup is enough. */
    @Override
    public Optional<String> survivorOf(String customerId) {
        return sql.list("SELECT survivor FROM merges WHERE absorbed = ?", rs -> rs.getString(1), customerId).stream().findFirst();
    }

    @Override
    public boolean customerExists(String customerId) {
        return sql.db().read(s -> {
            PreparedStatement ps = s.prepare("SELECT 1 FROM customers WHERE id = ?");
            ps.setString(1, customerId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        });
    }

    @Override
    public Map<String, String> holdersOf(Collection<String> identifierKeys) {
        Map<String, String> out = new HashMap<>();
        sql.inChunks(identifierKeys, "SELECT key, customer FROM identifiers WHERE %s", "key", rs -> out.put(rs.getString(1), rs.getString(2)));
        return out;
    }

    @Override
    public Map<String, String> survivorsOf(Collection<String> customerIds) {
        Map<String, String> out = new HashMap<>();
        sql.inChunks(customerIds, "SELECT absorbed, survivor FROM merges WHERE %s", "absorbed", rs -> out.put(rs.getString(1), rs.getString(2)));
        return out;
    }

    @Override
    public Map<String, Long> createdAt(Collection<String> customerIds) {
        Map<String, Long> out = new HashMap<>();
        sql.inChunks(customerIds, "SELECT id, created_at FROM customers WHERE %s", "id", rs -> out.put(rs.getString(1), rs.getLong(2)));
        return out;
    }

    @Override
    public Map<String, Map<String, Integer>> identifierCounts(Collection<String> customerIds) {
        Map<String, Map<String, Integer>> out = new HashMap<>();
        // The index on (customer, type) answers this without reading the rows.
        sql.inChunks(customerIds, "SELECT customer, type, COUNT(*) FROM identifiers WHERE %s GROUP BY customer, type", "customer",
                rs -> out.computeIfAbsent(rs.getString(1), c -> new HashMap<>()).put(rs.getString(2), rs.getInt(3)));
        return out;
    }
}
