package org.touchline.store.jdbc;

import org.touchline.domain.store.ProjectionChanges;
import org.touchline.domain.store.SearchProjection;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

import static org.touchline.store.jdbc.ProjectionSql.forget;
import static org.touchline.store.jdbc.ProjectionSql.update;

/** The customer search index, in the table {@code search_keys}: normalised names and identifiers, by customer. */
final class JdbcSearchProjection implements SearchProjection {
    private static final Comparator<ProjectionChanges.SearchKey> KEY_ORDER =
            Comparator.comparing(ProjectionChanges.SearchKey::key).thenComparing(ProjectionChanges.SearchKey::customerId);
    private final ProjectionSql sql;

    JdbcSearchProjection(ProjectionSql sql) { this.sql = sql; }

    /** What a batch changes here, in the caller's transaction (see {@link JdbcProjections#applyIn}). */
    void applyIn(Session s, ProjectionChanges c) throws SQLException {
        // A customer seen again with a name it already holds adds nothing.
        PreparedStatement searchKey = s.prepare(sql.dialect().insertIgnoringDuplicates("INSERT INTO search_keys (key, customer) VALUES (?, ?)"));
        for (ProjectionChanges.SearchKey k : c.searchKeys.stream().sorted(KEY_ORDER).toList()) {
            searchKey.setString(1, k.key());
            searchKey.setString(2, k.customerId());
            searchKey.addBatch();
        }
        if (!c.searchKeys.isEmpty()) searchKey.executeBatch();
        // A merge moves the absorbed customer's keys, this batch's too, to the survivor.
        for (ProjectionChanges.Merge m : c.merges) {
            update(s, sql.dialect().insertIgnoringDuplicates("INSERT INTO search_keys (key, customer) SELECT key, ? FROM search_keys WHERE customer = ?"),
                    m.survivor(), m.absorbed());
            update(s, "DELETE FROM search_keys WHERE customer = ?", m.absorbed());
        }
        for (ProjectionChanges.SearchKey k : c.searchKeysDropped)
            update(s, "DELETE FROM search_keys WHERE key = ? AND customer = ?", k.key(), k.customerId());
        forget(s, c.erased, List.of("DELETE FROM search_keys WHERE customer = ?"));
    }

    @Override
    public List<ProjectionChanges.SearchKey> searchKeyHolders(Collection<String> searchKeys, String afterCustomer, int limit) {
        if (searchKeys.isEmpty() || limit <= 0) return List.of();
        List<String> keys = new ArrayList<>(new TreeSet<>(searchKeys));
        String oneOf = String.join(", ", Collections.nCopies(keys.size(), "?"));
        List<Object> args = new ArrayList<>(keys);
        args.add(afterCustomer == null ? "" : afterCustomer);
        args.add(limit);
        args.addAll(keys);
        // The first customers in id order, then their rows: the key index answers both.
        return sql.list("SELECT key, customer FROM search_keys WHERE customer IN (SELECT DISTINCT customer FROM search_keys WHERE key IN ("
                + oneOf + ") AND customer > ? ORDER BY customer LIMIT ?) AND key IN (" + oneOf + ") ORDER BY customer, key",
                rs -> new ProjectionChanges.SearchKey(rs.getString(1), rs.getString(2)), args.toArray());
    }

    @Override
    public long searchKeyHolderCount(Collection<String> searchKeys) {
        if (searchKeys.isEmpty()) return 0;
        List<String> keys = new ArrayList<>(new TreeSet<>(searchKeys));
        return sql.list("SELECT COUNT(DISTINCT customer) FROM search_keys WHERE key IN (" + String.join(", ", Collections.nCopies(keys.size(), "?"))
                + ")", rs -> rs.getLong(1), keys.toArray()).get(0);
    }

    @Override
    public List<ProjectionChanges.SearchKey> searchKeysOf(Collection<String> customerIds) {
        List<ProjectionChanges.SearchKey> out = new ArrayList<>();
        sql.inChunks(customerIds, "SELECT key, customer FROM search_keys WHERE %s", "customer",
                rs -> out.add(new ProjectionChanges.SearchKey(rs.getString(1), rs.getString(2))));
        out.sort(KEY_ORDER);
        return out;
    }
}
