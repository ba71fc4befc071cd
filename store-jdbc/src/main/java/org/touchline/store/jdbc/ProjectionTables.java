package org.touchline.store.jdbc;

import org.touchline.domain.store.ProjectionStore;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Every projection table as a whole, whichever part keeps it: emptied for a rebuild, read row by row, and digested, so
 * a rebuild can be shown to end where live ingest did (docs/architecture.md, "the ledger is the only source of truth").
 */
final class ProjectionTables {
    /** The tables in the order the digest reads them: changing it changes every digest. */
    static final List<String> TABLES = List.of("customers", "identifiers", "merges", "timeline", "identity_decisions",
            "apart", "relationships", "profiles", "events", "token_movements", "customer_facts", "match_blocks", "customer_products",
            "search_keys", "erased_identifiers", "postcode_areas", "data_requests");
    /**
     * Tables added after the digest of a fixed history was pinned: each counts only once it holds a row, so the digest
     * of a history that never wrote one is what it was before the table existed.
     */
    private static final Set<String> COUNTED_WHEN_FILLED = Set.of("data_requests");
    /** Each table in the order of its primary key, so the digest does not depend on how rows were written. */
    private static final Map<String, String> ORDER = Map.ofEntries(
            Map.entry("customers", "id"), Map.entry("identifiers", "key"), Map.entry("merges", "absorbed"),
            Map.entry("timeline", "customer, at, idx, role"), Map.entry("identity_decisions", "entry"),
            Map.entry("apart", "a, b"), Map.entry("relationships", "entry"), Map.entry("profiles", "customer"),
            Map.entry("events", "entry"), Map.entry("token_movements", "entry"), Map.entry("customer_facts", "customer"),
            Map.entry("match_blocks", "customer, rule"), Map.entry("customer_products", "customer, product"),
            Map.entry("search_keys", "key, customer"), Map.entry("erased_identifiers", "key"),
            Map.entry("postcode_areas", "customer, area"), Map.entry("data_requests", "entry"));
    private final Database db;

    ProjectionTables(Database db) { this.db = db; }

    void empty() {
        db.write(s -> {
            for (String sql : db.dialect().emptyTables(TABLES)) s.execute(sql);
            return null;
        });
    }

    /** See {@link ProjectionStore#rows}. */
    void rows(String table, long offset, long limit, Consumer<String> row) {
        if (!TABLES.contains(table)) throw new IllegalArgumentException("no projection table " + table);
        db.stream(s -> {
            PreparedStatement ps = s.prepare("SELECT * FROM " + table + " ORDER BY " + ORDER.get(table) + " LIMIT ? OFFSET ?");
            ps.setLong(1, limit < 0 ? Long.MAX_VALUE : limit);
            ps.setLong(2, offset);
            ps.setFetchSize(JdbcLedger.FETCH);
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                StringBuilder b = new StringBuilder();
                while (rs.next()) {
                    b.setLength(0);
                    for (int c = 1; c <= md.getColumnCount(); c++) {
                        Object v = rs.getObject(c);
                        if (c > 1) b.append(' ');
                        b.append(md.getColumnLabel(c).toLowerCase(Locale.ROOT)).append('=')
                                .append(v instanceof byte[] bytes ? HexFormat.of().formatHex(bytes) : String.valueOf(v));
                    }
                    row.accept(b.toString());
                }
            }
            return null;
        });
    }

    /**
     * SHA-256 over every table in {@link #TABLES} order, each row's values in key order (0x1f after a value, 0x1e after a
     * row); a table of {@link #COUNTED_WHEN_FILLED} is named only when it holds a row.
     */
    String digest() {
        return db.stream(s -> {
            MessageDigest sha;
            try {
                sha = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            for (String table : TABLES) {
                boolean named = !COUNTED_WHEN_FILLED.contains(table);
                if (named) sha.update(table.getBytes(StandardCharsets.UTF_8));
                PreparedStatement ps = s.prepare("SELECT * FROM " + table + " ORDER BY " + ORDER.get(table));
                ps.setFetchSize(JdbcLedger.FETCH);
                try (ResultSet rs = ps.executeQuery()) {
                    ResultSetMetaData md = rs.getMetaData();
                    while (rs.next()) {
                        if (!named) {
                            sha.update(table.getBytes(StandardCharsets.UTF_8));
                            named = true;
                        }
                        for (int c = 1; c <= md.getColumnCount(); c++) {
                            Object v = rs.getObject(c);
                            sha.update(v instanceof byte[] b ? b : String.valueOf(v).getBytes(StandardCharsets.UTF_8));
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
