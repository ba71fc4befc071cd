package org.touchline.store.sqlite;

import org.touchline.domain.store.ProjectionChanges;
import org.touchline.domain.store.ProjectionStore;
import org.touchline.domain.store.TimelineRow;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Customers, the identifier index and timelines on SQLite. */
public final class SqliteProjections implements ProjectionStore {
    static final List<String> TABLES = List.of("customers", "identifiers", "merges", "timeline");
    /** Each table in the order of its primary key, so the digest does not depend on how rows were written. */
    private static final java.util.Map<String, String> ORDER = java.util.Map.of(
            "customers", "id", "identifiers", "key", "merges", "absorbed", "timeline", "customer, at, idx, role");
    private final SqliteDatabase db;

    public SqliteProjections(SqliteDatabase db) { this.db = db; }

    @Override
    public void reset() {
        db.write(s -> {
            for (String t : TABLES) s.execute("DELETE FROM " + t);
            return null;
        });
    }

    @Override
    public void apply(ProjectionChanges changes) {
        db.write(s -> {
            applyIn(s, changes);
            return null;
        });
    }

    /** Applies in the caller's transaction. Merges go last so they also move the rows this batch added. */
    void applyIn(SqliteDatabase.Session s, ProjectionChanges c) throws SQLException {
        // Rows in key order: a B-tree takes sorted inserts with far fewer page writes.
        PreparedStatement customers = s.prepare("INSERT INTO customers (id, created_at) VALUES (?, ?)");
        for (ProjectionChanges.Customer x : sorted(c.customers, java.util.Comparator.comparing(ProjectionChanges.Customer::id))) {
            customers.setString(1, x.id());
            customers.setLong(2, x.createdAt());
            customers.addBatch();
        }
        customers.executeBatch();
        PreparedStatement links = s.prepare("INSERT INTO identifiers (key, type, customer, at_index) VALUES (?, ?, ?, ?)");
        for (ProjectionChanges.Link x : sorted(c.links, java.util.Comparator.comparing(ProjectionChanges.Link::identifierKey))) {
            links.setString(1, x.identifierKey());
            links.setString(2, x.identifierType());
            links.setString(3, x.customerId());
            links.setLong(4, x.atIndex());
            links.addBatch();
        }
        links.executeBatch();
        PreparedStatement rows = s.prepare("INSERT OR IGNORE INTO timeline (customer, at, idx, role) VALUES (?, ?, ?, ?)");
        for (TimelineRow x : sorted(c.timeline, java.util.Comparator.comparing(TimelineRow::customerId)
                .thenComparingLong(TimelineRow::occurredAtMillis).thenComparingLong(TimelineRow::index).thenComparing(TimelineRow::role))) {
            rows.setString(1, x.customerId());
            rows.setLong(2, x.occurredAtMillis());
            rows.setLong(3, x.index());
            rows.setString(4, x.role());
            rows.addBatch();
        }
        rows.executeBatch();
        for (ProjectionChanges.Merge m : c.merges) {
            PreparedStatement merge = s.prepare("INSERT INTO merges (absorbed, survivor, at_index) VALUES (?, ?, ?)");
            merge.setString(1, m.absorbed());
            merge.setString(2, m.survivor());
            merge.setLong(3, m.atIndex());
            merge.executeUpdate();
            for (String sql : List.of("UPDATE identifiers SET customer = ? WHERE customer = ?",
                    "INSERT OR IGNORE INTO timeline (customer, at, idx, role) SELECT ?, at, idx, role FROM timeline WHERE customer = ?",
                    "UPDATE merges SET survivor = ? WHERE survivor = ?")) {
                PreparedStatement ps = s.prepare(sql);
                ps.setString(1, m.survivor());
                ps.setString(2, m.absorbed());
                ps.executeUpdate();
            }
            PreparedStatement drop = s.prepare("DELETE FROM timeline WHERE customer = ?");
            drop.setString(1, m.absorbed());
            drop.executeUpdate();
        }
    }

    /** A row of {@code SELECT key, type, customer, at_index FROM identifiers}. */
    private static ProjectionChanges.Link link(ResultSet rs) throws SQLException {
        return new ProjectionChanges.Link(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4));
    }

    /** A row of {@code SELECT absorbed, survivor, at_index FROM merges}. */
    private static ProjectionChanges.Merge merge(ResultSet rs) throws SQLException {
        return new ProjectionChanges.Merge(rs.getString(1), rs.getString(2), rs.getLong(3));
    }

    private static <T> List<T> sorted(List<T> rows, java.util.Comparator<T> order) {
        List<T> copy = new ArrayList<>(rows);
        copy.sort(order);
        return copy;
    }

    @Override
    public void loadCustomers(Consumer<ProjectionChanges.Customer> out) {
        db.read(s -> {
            try (ResultSet rs = s.prepare("SELECT id, created_at FROM customers").executeQuery()) {
                while (rs.next()) out.accept(new ProjectionChanges.Customer(rs.getString(1), rs.getLong(2)));
            }
            return null;
        });
    }

    @Override
    public void loadLinks(Consumer<ProjectionChanges.Link> out) {
        db.read(s -> {
            try (ResultSet rs = s.prepare("SELECT key, type, customer, at_index FROM identifiers").executeQuery()) {
                while (rs.next()) out.accept(link(rs));
            }
            return null;
        });
    }

    @Override
    public void loadMerges(Consumer<ProjectionChanges.Merge> out) {
        db.read(s -> {
            try (ResultSet rs = s.prepare("SELECT absorbed, survivor, at_index FROM merges").executeQuery()) {
                while (rs.next()) out.accept(merge(rs));
            }
            return null;
        });
    }

    @Override
    public Optional<String> customerByIdentifierKey(String identifierKey) {
        return db.read(s -> {
            PreparedStatement ps = s.prepare("SELECT customer FROM identifiers WHERE key = ?");
            ps.setString(1, identifierKey);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        });
    }

    @Override
    public List<ProjectionChanges.Link> linksOf(String customerId) {
        return db.read(s -> {
            PreparedStatement ps = s.prepare("SELECT key, type, customer, at_index FROM identifiers WHERE customer = ? ORDER BY at_index, key");
            ps.setString(1, customerId);
            List<ProjectionChanges.Link> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(link(rs));
            }
            return out;
        });
    }

    @Override
    public List<ProjectionChanges.Merge> mergesInto(String customerId) {
        return db.read(s -> {
            PreparedStatement ps = s.prepare("SELECT absorbed, survivor, at_index FROM merges WHERE survivor = ? ORDER BY at_index, absorbed");
            ps.setString(1, customerId);
            List<ProjectionChanges.Merge> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(merge(rs));
            }
            return out;
        });
    }

    @Override
    public Optional<Long> createdAt(String customerId) {
        return db.read(s -> {
            PreparedStatement ps = s.prepare("SELECT created_at FROM customers WHERE id = ?");
            ps.setString(1, customerId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        });
    }

    /** Merge rows always point at the final survivor (merges re-point older rows), so one lookup is enough. */
    @Override
    public Optional<String> survivorOf(String customerId) {
        return db.read(s -> {
            PreparedStatement ps = s.prepare("SELECT survivor FROM merges WHERE absorbed = ?");
            ps.setString(1, customerId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        });
    }

    @Override
    public boolean customerExists(String customerId) {
        return db.read(s -> {
            PreparedStatement ps = s.prepare("SELECT 1 FROM customers WHERE id = ?");
            ps.setString(1, customerId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        });
    }

    @Override
    public List<TimelineRow> timeline(String customerId, Long beforeMillis, Long beforeIndex, int limit) {
        return db.read(s -> {
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
        return db.read(s -> {
            PreparedStatement ps = s.prepare("SELECT COUNT(*) FROM timeline WHERE customer = ?");
            ps.setString(1, customerId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }

    @Override
    public String digest() {
        return db.read(s -> {
            MessageDigest sha;
            try {
                sha = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            for (String table : TABLES) {
                sha.update(table.getBytes(StandardCharsets.UTF_8));
                try (ResultSet rs = s.prepare("SELECT * FROM " + table + " ORDER BY " + ORDER.get(table)).executeQuery()) {
                    ResultSetMetaData md = rs.getMetaData();
                    while (rs.next()) {
                        for (int c = 1; c <= md.getColumnCount(); c++) {
                            sha.update(String.valueOf(rs.getObject(c)).getBytes(StandardCharsets.UTF_8));
                            sha.update((byte) 0x1f);
                        }
                        sha.update((byte) 0x1e);
                    }
                }
            }
            return HexFormat.of().formatHex(sha.digest());
        });
    }
}
