package org.touchline.store.jdbc;

import org.touchline.domain.EventEntry;
import org.touchline.domain.IdentityDecision;
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
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/** Customers, the identifier index and timelines on any {@link Database}. */
public final class JdbcProjections implements ProjectionStore {
    private static final String TIMELINE_ROW = "INSERT INTO timeline (customer, at, idx, role) VALUES (?, ?, ?, ?)";
    static final List<String> TABLES = List.of("customers", "identifiers", "merges", "timeline", "identity_decisions",
            "apart", "relationships", "profiles", "events", "token_movements", "customer_facts", "match_blocks", "customer_products",
            "search_keys", "erased_identifiers", "postcode_areas");
    /** Each table in the order of its primary key, so the digest does not depend on how rows were written. */
    private static final Map<String, String> ORDER = Map.ofEntries(
            Map.entry("customers", "id"), Map.entry("identifiers", "key"), Map.entry("merges", "absorbed"),
            Map.entry("timeline", "customer, at, idx, role"), Map.entry("identity_decisions", "entry"),
            Map.entry("apart", "a, b"), Map.entry("relationships", "entry"), Map.entry("profiles", "customer"),
            Map.entry("events", "entry"), Map.entry("token_movements", "entry"), Map.entry("customer_facts", "customer"),
            Map.entry("match_blocks", "customer, rule"), Map.entry("customer_products", "customer, product"),
            Map.entry("search_keys", "key, customer"), Map.entry("erased_identifiers", "key"),
            Map.entry("postcode_areas", "customer, area"));
    private static final Comparator<ProjectionChanges.SearchKey> SEARCH_KEY_ORDER =
            Comparator.comparing(ProjectionChanges.SearchKey::key).thenComparing(ProjectionChanges.SearchKey::customerId);
    private final Database db;
    private final SqlDialect dialect;

    public JdbcProjections(Database db) {
        this.db = db;
        this.dialect = db.dialect();
    }

    @Override
    public void reset() {
        db.write(s -> {
            for (String sql : dialect.emptyTables(TABLES)) s.execute(sql);
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
    void applyIn(Session s, ProjectionChanges c) throws SQLException {
        // New rows the dialect's cheapest way, in key order (a B-tree takes sorted inserts with far fewer page
        // writes); rows that may already be there by an INSERT that skips them.
        Rows customers = dialect.rows("customers", "id", "created_at");
        for (ProjectionChanges.Customer x : sorted(c.customers, Comparator.comparing(ProjectionChanges.Customer::id)))
            customers.row(x.id(), x.createdAt());
        customers.into(s);
        Rows links = dialect.rows("identifiers", "key", "type", "customer", "at_index", "origin");
        for (ProjectionChanges.Link x : sorted(c.links, Comparator.comparing(ProjectionChanges.Link::identifierKey)))
            links.row(x.identifierKey(), x.identifierType(), x.customerId(), x.atIndex(), x.origin());
        links.into(s);
        PreparedStatement rows = s.prepare(dialect.insertIgnoringDuplicates(TIMELINE_ROW));
        for (TimelineRow x : sorted(c.timeline, Comparator.comparing(TimelineRow::customerId)
                .thenComparingLong(TimelineRow::occurredAtMillis).thenComparingLong(TimelineRow::index).thenComparing(TimelineRow::role))) {
            rows.setString(1, x.customerId());
            rows.setLong(2, x.occurredAtMillis());
            rows.setLong(3, x.index());
            rows.setString(4, x.role());
            rows.addBatch();
        }
        rows.executeBatch();
        Rows decisions = dialect.rows("identity_decisions", "entry", "about", "kind", "customer", "other", "status", "decision");
        for (ProjectionChanges.DecisionRow d : c.decisionRows)
            decisions.row(d.entry(), d.decision().about(), d.decision().kind(), d.decision().customerId(), d.decision().otherCustomerId(),
                    d.status(), d.decision().leaf());
        decisions.into(s);
        // The search index: a customer seen again with a name it already holds adds nothing.
        PreparedStatement searchKey = s.prepare(dialect.insertIgnoringDuplicates("INSERT INTO search_keys (key, customer) VALUES (?, ?)"));
        for (ProjectionChanges.SearchKey k : sorted(new ArrayList<>(c.searchKeys), SEARCH_KEY_ORDER)) {
            searchKey.setString(1, k.key());
            searchKey.setString(2, k.customerId());
            searchKey.addBatch();
        }
        if (!c.searchKeys.isEmpty()) searchKey.executeBatch();
        for (ProjectionChanges.Merge m : c.merges) {
            PreparedStatement merge = s.prepare("INSERT INTO merges (absorbed, survivor, at_index, merged_into) VALUES (?, ?, ?, ?)");
            merge.setString(1, m.absorbed());
            merge.setString(2, m.survivor());
            merge.setLong(3, m.atIndex());
            merge.setString(4, m.into());
            merge.executeUpdate();
            for (String sql : List.of("UPDATE identifiers SET customer = ? WHERE customer = ?",
                    dialect.insertIgnoringDuplicates("INSERT INTO timeline (customer, at, idx, role) SELECT ?, at, idx, role FROM timeline WHERE customer = ?"),
                    "UPDATE merges SET survivor = ? WHERE survivor = ?",
                    dialect.insertIgnoringDuplicates("INSERT INTO search_keys (key, customer) SELECT key, ? FROM search_keys WHERE customer = ?"))) {
                PreparedStatement ps = s.prepare(sql);
                ps.setString(1, m.survivor());
                ps.setString(2, m.absorbed());
                ps.executeUpdate();
            }
            for (String table : List.of("timeline", "search_keys")) update(s, "DELETE FROM " + table + " WHERE customer = ?", m.absorbed());
        }
        applyIdentityCommands(s, c);
        Rows events = dialect.rows("events", "entry", "kind", "customer", "about", "event");
        for (ProjectionChanges.EventRow e : c.events)
            events.row(e.entry(), e.event().kind(), e.event().customerId(), e.event().about(), e.event().leaf());
        events.into(s);
        Rows tokens = dialect.rows("token_movements", "entry", "account", "movement", "amount", "remaining", "at");
        for (ProjectionChanges.TokenMovement m : c.tokenMovements)
            tokens.row(m.entry(), m.account(), m.movement(), m.amount(), m.movement().equals("mint") ? m.amount() : 0L, m.atMillis());
        tokens.into(s);
        for (ProjectionChanges.TokenMovement m : c.tokenUsesOldestFirst) {
            long left = m.amount();
            PreparedStatement lots = s.prepare("SELECT entry, remaining FROM token_movements WHERE account = ? AND movement = 'mint' "
                    + "AND remaining > 0 AND entry < ? ORDER BY entry");
            lots.setString(1, m.account());
            lots.setLong(2, m.entry());
            List<long[]> take = new ArrayList<>();
            try (ResultSet rs = lots.executeQuery()) {
                while (left > 0 && rs.next()) {
                    long t = Math.min(left, rs.getLong(2));
                    take.add(new long[]{rs.getLong(1), t});
                    left -= t;
                }
            }
            for (long[] t : take) spend(s, t[0], t[1]);
        }
        for (ProjectionChanges.TokenUse u : c.tokenUses) spend(s, u.lot(), u.amount());
        replaceOrDelete(s, "customer_facts", "customer", "facts", c.facts);
        if (!c.products.isEmpty()) {
            PreparedStatement drop = s.prepare("DELETE FROM customer_products WHERE customer = ?");
            PreparedStatement put = s.prepare("INSERT INTO customer_products (customer, product) VALUES (?, ?)");
            for (var e : new TreeMap<>(c.products).entrySet()) {
                drop.setString(1, e.getKey());
                drop.addBatch();
                if (e.getValue() == null) continue;
                for (String product : new TreeSet<>(e.getValue())) {
                    put.setString(1, e.getKey());
                    put.setString(2, product);
                    put.addBatch();
                }
            }
            drop.executeBatch();
            put.executeBatch();
        }
        for (String erased : c.erased) {
            // Every projection forgets the customer, all but the erasure entry's own row, so a lookup can say the
            // customer was erased.
            for (String sql : List.of("DELETE FROM identifiers WHERE customer = ?", "DELETE FROM timeline WHERE customer = ?",
                    "DELETE FROM profiles WHERE customer = ?", "DELETE FROM events WHERE customer = ? AND kind <> 'erasure'",
                    "DELETE FROM relationships WHERE from_customer = ? OR to_customer = ?", "DELETE FROM customers WHERE id = ?",
                    "DELETE FROM merges WHERE absorbed = ? OR survivor = ?", "DELETE FROM apart WHERE a = ? OR b = ?",
                    "DELETE FROM identity_decisions WHERE customer = ? OR other = ?",
                    "DELETE FROM token_movements WHERE account = 'customer:' || ?", "DELETE FROM customer_facts WHERE customer = ?",
                    "DELETE FROM match_blocks WHERE customer = ?", "DELETE FROM customer_products WHERE customer = ?",
                    "DELETE FROM search_keys WHERE customer = ?", "DELETE FROM postcode_areas WHERE customer = ?"))
                update(s, sql, Collections.nCopies((int) sql.chars().filter(ch -> ch == '?').count(), erased).toArray(String[]::new));
        }
        if (!c.erasedIdentifiers.isEmpty()) {
            // A key erased again (a restore re-applying an erasure) keeps the entry that erased it first.
            PreparedStatement put = s.prepare(dialect.insertIgnoringDuplicates("INSERT INTO erased_identifiers (key, entry) VALUES (?, ?)"));
            for (ProjectionChanges.ErasedIdentifier e : c.erasedIdentifiers) {
                put.setString(1, e.identifierKey());
                put.setLong(2, e.entry());
                put.addBatch();
            }
            put.executeBatch();
        }
        replaceOrDelete(s, "profiles", "customer", "sealed", c.profiles);
        if (!c.matchBlocks.isEmpty()) {
            PreparedStatement drop = s.prepare("DELETE FROM match_blocks WHERE customer = ?");
            PreparedStatement put = s.prepare("INSERT INTO match_blocks (customer, rule, block) VALUES (?, ?, ?)");
            for (var e : new TreeMap<>(c.matchBlocks).entrySet()) {
                drop.setString(1, e.getKey());
                drop.addBatch();
                if (e.getValue() == null) continue;
                for (int r = 0; r < e.getValue().length; r++) {
                    if (e.getValue()[r] == 0) continue;
                    put.setString(1, e.getKey());
                    put.setInt(2, r);
                    put.setLong(3, e.getValue()[r]);
                    put.addBatch();
                }
            }
            drop.executeBatch();
            put.executeBatch();
        }
        if (!c.postcodeAreas.isEmpty()) {
            PreparedStatement drop = s.prepare("DELETE FROM postcode_areas WHERE customer = ?");
            PreparedStatement put = s.prepare("INSERT INTO postcode_areas (customer, area) VALUES (?, ?)");
            for (var e : new TreeMap<>(c.postcodeAreas).entrySet()) {
                drop.setString(1, e.getKey());
                drop.addBatch();
                if (e.getValue() == null) continue;
                for (String area : e.getValue()) {
                    put.setString(1, e.getKey());
                    put.setString(2, area);
                    put.addBatch();
                }
            }
            drop.executeBatch();
            put.executeBatch();
        }
    }

    /** What accepted reviews, rejections, unmerges and relationships change (each comes alone in its own batch). */
    private void applyIdentityCommands(Session s, ProjectionChanges c) throws SQLException {
        for (ProjectionChanges.Unmerge u : c.unmerges) {
            update(s, "DELETE FROM merges WHERE absorbed = ?", u.absorbed());
            for (String r : u.reattached()) update(s, "UPDATE merges SET survivor = ? WHERE absorbed = ?", u.absorbed(), r);
        }
        for (ProjectionChanges.SearchKey k : c.searchKeysDropped)
            update(s, "DELETE FROM search_keys WHERE key = ? AND customer = ?", k.key(), k.customerId());
        for (ProjectionChanges.Relink r : c.relinks) update(s, "UPDATE identifiers SET customer = ? WHERE key = ?", r.customerId(), r.identifierKey());
        for (ProjectionChanges.Move m : c.moves) {
            PreparedStatement del = s.prepare("DELETE FROM timeline WHERE customer = ? AND at = ? AND idx = ? AND role = ?");
            del.setString(1, m.from());
            del.setLong(2, m.occurredAtMillis());
            del.setLong(3, m.index());
            del.setString(4, m.role());
            del.executeUpdate();
            PreparedStatement ins = s.prepare(dialect.insertIgnoringDuplicates(TIMELINE_ROW));
            ins.setString(1, m.to());
            ins.setLong(2, m.occurredAtMillis());
            ins.setLong(3, m.index());
            ins.setString(4, m.role());
            ins.executeUpdate();
        }
        for (ProjectionChanges.Apart a : c.apart) {
            PreparedStatement ps = s.prepare(dialect.upsert("apart", "a, b", "at_index"));
            ps.setString(1, a.a().compareTo(a.b()) < 0 ? a.a() : a.b());
            ps.setString(2, a.a().compareTo(a.b()) < 0 ? a.b() : a.a());
            ps.setLong(3, a.atIndex());
            ps.executeUpdate();
        }
        for (ProjectionChanges.ReviewStatus r : c.reviewStatuses) {
            PreparedStatement ps = s.prepare("UPDATE identity_decisions SET status = ? WHERE entry = ?");
            ps.setString(1, r.status());
            ps.setLong(2, r.reviewEntry());
            ps.executeUpdate();
        }
        for (ProjectionChanges.Relationship r : c.relationships) {
            PreparedStatement ps = s.prepare("INSERT INTO relationships (entry, type, from_customer, to_customer, valid_from, valid_to) VALUES (?, ?, ?, ?, ?, ?)");
            ps.setLong(1, r.entry());
            ps.setString(2, r.type());
            ps.setString(3, r.from());
            ps.setString(4, r.to());
            ps.setString(5, r.validFrom());
            ps.setString(6, r.validTo());
            ps.executeUpdate();
        }
        for (ProjectionChanges.RelationshipEnd e : c.relationshipEnds) {
            PreparedStatement ps = s.prepare("UPDATE relationships SET valid_to = ? WHERE entry = ?");
            ps.setString(1, e.validTo());
            ps.setLong(2, e.relationshipEntry());
            ps.executeUpdate();
        }
    }

    /** Rows keyed by customer that are replaced whole (profiles, facts); a null value deletes the row. Keys in order. */
    /** Takes {@code amount} tokens from the mint at entry {@code lot}. */
    private static void spend(Session s, long lot, long amount) throws SQLException {
        PreparedStatement use = s.prepare("UPDATE token_movements SET remaining = remaining - ? WHERE entry = ?");
        use.setLong(1, amount);
        use.setLong(2, lot);
        use.executeUpdate();
    }

    private void replaceOrDelete(Session s, String table, String key, String value, Map<String, ?> rows)
            throws SQLException {
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

    private static void update(Session s, String sql, String... args) throws SQLException {
        PreparedStatement ps = s.prepare(sql);
        for (int i = 0; i < args.length; i++) ps.setString(i + 1, args[i]);
        ps.executeUpdate();
    }

    /** A row of {@code SELECT key, type, customer, at_index, origin FROM identifiers}. */
    private static ProjectionChanges.Link link(ResultSet rs) throws SQLException {
        return new ProjectionChanges.Link(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5));
    }

    /** A row of {@code SELECT absorbed, survivor, at_index, merged_into FROM merges}. */
    private static ProjectionChanges.Merge merge(ResultSet rs) throws SQLException {
        return new ProjectionChanges.Merge(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4));
    }

    /** A row of {@code SELECT entry, status, decision FROM identity_decisions}. */
    private static ProjectionChanges.DecisionRow decision(ResultSet rs) throws SQLException {
        return new ProjectionChanges.DecisionRow(rs.getLong(1), IdentityDecision.parse(rs.getBytes(3)), rs.getString(2));
    }

    /** A row of {@code SELECT entry, type, from_customer, to_customer, valid_from, valid_to FROM relationships}. */
    private static ProjectionChanges.Relationship relationship(ResultSet rs) throws SQLException {
        return new ProjectionChanges.Relationship(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6));
    }

    private <T> List<T> list(String sql, RowMapper<T> mapper, Object... args) {
        return db.read(s -> rows(s, sql, mapper, args));
    }

    private static <T> List<T> rows(Session s, String sql, RowMapper<T> mapper, Object... args) throws SQLException {
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
    private <T> void scan(String sql, RowMapper<T> mapper, Consumer<? super T> out, Object... args) {
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

    @FunctionalInterface
    private interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** A row of {@code SELECT entry, event FROM events}. */
    private static ProjectionChanges.EventRow event(ResultSet rs) throws SQLException {
        return new ProjectionChanges.EventRow(rs.getLong(1), EventEntry.parse(rs.getBytes(2)));
    }

    @Override
    public List<ProjectionChanges.EventRow> events(Collection<String> customers, String kind) {
        if (customers.isEmpty()) return List.of();
        return db.read(s -> {
            List<Object> args = new ArrayList<>(dialect.listArguments(s, customers));
            args.add(kind);
            return rows(s, "SELECT entry, event FROM events WHERE " + dialect.oneOf("customer", customers.size()) + " AND kind = ? ORDER BY entry",
                    JdbcProjections::event, args.toArray());
        });
    }

    @Override
    public void allEvents(String kind, Consumer<ProjectionChanges.EventRow> out) {
        db.stream(s -> {
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
    public void allTimeline(String role, Consumer<TimelineRow> out) {
        db.stream(s -> {
            PreparedStatement ps = s.prepare("SELECT customer, at, idx FROM timeline WHERE role = ? ORDER BY customer, at, idx");
            ps.setFetchSize(JdbcLedger.FETCH);
            ps.setString(1, role);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.accept(new TimelineRow(rs.getString(1), rs.getLong(2), rs.getLong(3), role));
            }
            return null;
        });
    }

    @Override
    public List<ProjectionChanges.EventRow> eventsAbout(long about, String kind) {
        return list("SELECT entry, event FROM events WHERE about = ? AND kind = ? ORDER BY entry", JdbcProjections::event, about, kind);
    }

    @Override
    public List<TokenRow> tokenMovements(Collection<String> accounts) {
        if (accounts.isEmpty()) return List.of();
        return db.read(s -> rows(s, "SELECT entry, account, movement, amount, remaining, at FROM token_movements WHERE "
                        + dialect.oneOf("account", accounts.size()) + " ORDER BY entry",
                rs -> new TokenRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5), rs.getLong(6)),
                dialect.listArguments(s, accounts).toArray()));
    }

    @Override
    public void allTokenLots(long beforeMillis, Consumer<TokenRow> out) {
        scan("SELECT entry, account, movement, amount, remaining, at FROM token_movements WHERE movement = 'mint' AND remaining > 0 "
                        + "AND at < ? ORDER BY account, entry",
                rs -> new TokenRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5), rs.getLong(6)), out, beforeMillis);
    }

    @Override
    public void loadFacts(BiConsumer<String, String> out) {
        scan("SELECT customer, facts FROM customer_facts ORDER BY customer", rs -> new String[]{rs.getString(1), rs.getString(2)}, r -> out.accept(r[0], r[1]));
    }

    @Override
    public void loadProfiles(BiConsumer<String, byte[]> out) {
        scan("SELECT customer, sealed FROM profiles ORDER BY customer", rs -> Map.entry(rs.getString(1), rs.getBytes(2)),
                e -> out.accept(e.getKey(), e.getValue()));
    }

    @Override
    public void loadApart(Consumer<ProjectionChanges.Apart> out) {
        scan("SELECT a, b, at_index FROM apart ORDER BY a, b", rs -> new ProjectionChanges.Apart(rs.getString(1), rs.getString(2), rs.getLong(3)), out);
    }

    @Override
    public List<ProjectionChanges.DecisionRow> decisionsOf(String customerId) {
        return list("SELECT entry, status, decision FROM identity_decisions WHERE customer = ? OR other = ? ORDER BY entry",
                JdbcProjections::decision, customerId, customerId);
    }

    @Override
    public List<ProjectionChanges.DecisionRow> reviews(String status, long afterEntry, int limit) {
        return list("SELECT entry, status, decision FROM identity_decisions WHERE kind = 'review' AND status = ? AND entry > ? "
                + "ORDER BY entry LIMIT ?", JdbcProjections::decision, status, afterEntry, limit);
    }

    @Override
    public long reviewCount(String status) {
        return db.read(s -> {
            PreparedStatement ps = s.prepare("SELECT COUNT(*) FROM identity_decisions WHERE kind = 'review' AND status = ?");
            ps.setString(1, status);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }

    @Override
    public Optional<ProjectionChanges.DecisionRow> decision(long entry) {
        return list("SELECT entry, status, decision FROM identity_decisions WHERE entry = ?", JdbcProjections::decision, entry)
                .stream().findFirst();
    }

    @Override
    public List<ProjectionChanges.Relationship> relationships() {
        return list("SELECT entry, type, from_customer, to_customer, valid_from, valid_to FROM relationships ORDER BY entry",
                JdbcProjections::relationship);
    }

    @Override
    public List<ProjectionChanges.Relationship> relationshipsOf(String customerId) {
        return list("SELECT entry, type, from_customer, to_customer, valid_from, valid_to FROM relationships "
                + "WHERE from_customer = ? OR to_customer = ? ORDER BY entry", JdbcProjections::relationship, customerId, customerId);
    }

    @Override
    public Optional<ProjectionChanges.Relationship> relationship(long entry) {
        return list("SELECT entry, type, from_customer, to_customer, valid_from, valid_to FROM relationships WHERE entry = ?",
                JdbcProjections::relationship, entry).stream().findFirst();
    }

    private static <T> List<T> sorted(List<T> rows, Comparator<T> order) {
        List<T> copy = new ArrayList<>(rows);
        copy.sort(order);
        return copy;
    }

    @Override
    public void loadCustomers(Consumer<ProjectionChanges.Customer> out) {
        scan("SELECT id, created_at FROM customers ORDER BY id", rs -> new ProjectionChanges.Customer(rs.getString(1), rs.getLong(2)), out);
    }

    @Override
    public void loadLinks(Consumer<ProjectionChanges.Link> out) {
        scan("SELECT key, type, customer, at_index, origin FROM identifiers ORDER BY key", JdbcProjections::link, out);
    }

    @Override
    public void loadMerges(Consumer<ProjectionChanges.Merge> out) {
        scan("SELECT absorbed, survivor, at_index, merged_into FROM merges ORDER BY absorbed", JdbcProjections::merge, out);
    }

    @Override
    public Optional<String> customerByIdentifierKey(String identifierKey) {
        return list("SELECT customer FROM identifiers WHERE key = ?", rs -> rs.getString(1), identifierKey).stream().findFirst();
    }

    @Override
    public List<ProjectionChanges.Link> linksOf(String customerId) {
        return list("SELECT key, type, customer, at_index, origin FROM identifiers WHERE customer = ? ORDER BY at_index, key",
                JdbcProjections::link, customerId);
    }

    @Override
    public List<ProjectionChanges.Merge> mergesInto(String customerId) {
        return list("SELECT absorbed, survivor, at_index, merged_into FROM merges WHERE survivor = ? ORDER BY at_index, absorbed",
                JdbcProjections::merge, customerId);
    }

    @Override
    public Optional<Long> createdAt(String customerId) {
        return list("SELECT created_at FROM customers WHERE id = ?", rs -> rs.getLong(1), customerId).stream().findFirst();
    }

    /** Merge rows always point at the final survivor (merges re-point older rows), so one lookup is enough. */
    @Override
    public Optional<String> survivorOf(String customerId) {
        return list("SELECT survivor FROM merges WHERE absorbed = ?", rs -> rs.getString(1), customerId).stream().findFirst();
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
    public List<TimelineRow> timeline(Collection<String> customers, Long beforeMillis, Long beforeIndex, int limit) {
        if (customers.size() == 1) return timeline(customers.iterator().next(), beforeMillis, beforeIndex, limit);
        return db.read(s -> {
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
    public Map<String, String> holdersOf(Collection<String> identifierKeys) {
        Map<String, String> out = new HashMap<>();
        inChunks(identifierKeys, "SELECT key, customer FROM identifiers WHERE %s", "key", rs -> out.put(rs.getString(1), rs.getString(2)));
        return out;
    }

    @Override
    public Set<String> erasedAmong(Collection<String> identifierKeys) {
        Set<String> out = new HashSet<>();
        inChunks(identifierKeys, "SELECT key FROM erased_identifiers WHERE %s", "key", rs -> out.add(rs.getString(1)));
        return out;
    }

    @Override
    public boolean anyErasedIdentifier() { return anyRow("erased_identifiers"); }

    @Override
    public void loadErasedIdentifiers(Consumer<ProjectionChanges.ErasedIdentifier> out) {
        scan("SELECT key, entry FROM erased_identifiers ORDER BY key", rs -> new ProjectionChanges.ErasedIdentifier(rs.getString(1), rs.getLong(2)), out);
    }

    @Override
    public Map<String, String> survivorsOf(Collection<String> customerIds) {
        Map<String, String> out = new HashMap<>();
        inChunks(customerIds, "SELECT absorbed, survivor FROM merges WHERE %s", "absorbed", rs -> out.put(rs.getString(1), rs.getString(2)));
        return out;
    }

    @Override
    public Map<String, Long> createdAt(Collection<String> customerIds) {
        Map<String, Long> out = new HashMap<>();
        inChunks(customerIds, "SELECT id, created_at FROM customers WHERE %s", "id", rs -> out.put(rs.getString(1), rs.getLong(2)));
        return out;
    }

    @Override
    public Map<String, Map<String, Integer>> identifierCounts(Collection<String> customerIds) {
        Map<String, Map<String, Integer>> out = new HashMap<>();
        // The index on (customer, type) answers this without reading the rows.
        inChunks(customerIds, "SELECT customer, type, COUNT(*) FROM identifiers WHERE %s GROUP BY customer, type", "customer",
                rs -> out.computeIfAbsent(rs.getString(1), c -> new HashMap<>()).put(rs.getString(2), rs.getInt(3)));
        return out;
    }

    @Override
    public List<ProjectionChanges.Apart> apartOf(Collection<String> customerIds) {
        TreeMap<String, ProjectionChanges.Apart> out = new TreeMap<>();
        RowConsumer row = rs -> out.put(rs.getString(1) + "\u0000" + rs.getString(2),
                new ProjectionChanges.Apart(rs.getString(1), rs.getString(2), rs.getLong(3)));
        inChunks(customerIds, "SELECT a, b, at_index FROM apart WHERE %s", "a", row);
        inChunks(customerIds, "SELECT a, b, at_index FROM apart WHERE %s", "b", row);
        return new ArrayList<>(out.values());
    }

    @Override
    public boolean anyApart() { return anyRow("apart"); }

    /** Whether {@code table} (one of {@link #TABLES}, never input) holds a row: one index probe, not a count. */
    private boolean anyRow(String table) {
        return db.read(s -> {
            try (ResultSet rs = s.prepare("SELECT 1 FROM " + table + " LIMIT 1").executeQuery()) {
                return rs.next();
            }
        });
    }

    @Override
    public Map<String, String> factsOf(Collection<String> customerIds) {
        Map<String, String> out = new HashMap<>();
        inChunks(customerIds, "SELECT customer, facts FROM customer_facts WHERE %s", "customer", rs -> out.put(rs.getString(1), rs.getString(2)));
        return out;
    }

    @Override
    public List<String> customersWhoBought(Collection<String> products) {
        TreeSet<String> out = new TreeSet<>();
        inChunks(products, "SELECT customer FROM customer_products WHERE %s", "product", rs -> out.add(rs.getString(1)));
        return new ArrayList<>(out);
    }

    @Override
    public List<String> customersInPostcodeAreas(Collection<String> areaKeys) {
        TreeSet<String> out = new TreeSet<>();
        inChunks(areaKeys, "SELECT customer FROM postcode_areas WHERE %s", "area", rs -> out.add(rs.getString(1)));
        return new ArrayList<>(out);
    }

    @Override
    public boolean postcodeAreasMissing() { return anyRow("profiles") && !anyRow("postcode_areas"); }

    @Override
    public Map<String, byte[]> profilesOf(Collection<String> customerIds) {
        Map<String, byte[]> out = new HashMap<>();
        inChunks(customerIds, "SELECT customer, sealed FROM profiles WHERE %s", "customer", rs -> out.put(rs.getString(1), rs.getBytes(2)));
        return out;
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
        return list("SELECT key, customer FROM search_keys WHERE customer IN (SELECT DISTINCT customer FROM search_keys WHERE key IN ("
                + oneOf + ") AND customer > ? ORDER BY customer LIMIT ?) AND key IN (" + oneOf + ") ORDER BY customer, key",
                rs -> new ProjectionChanges.SearchKey(rs.getString(1), rs.getString(2)), args.toArray());
    }

    @Override
    public long searchKeyHolderCount(Collection<String> searchKeys) {
        if (searchKeys.isEmpty()) return 0;
        List<String> keys = new ArrayList<>(new TreeSet<>(searchKeys));
        return list("SELECT COUNT(DISTINCT customer) FROM search_keys WHERE key IN (" + String.join(", ", Collections.nCopies(keys.size(), "?"))
                + ")", rs -> rs.getLong(1), keys.toArray()).get(0);
    }

    @Override
    public List<ProjectionChanges.SearchKey> searchKeysOf(Collection<String> customerIds) {
        List<ProjectionChanges.SearchKey> out = new ArrayList<>();
        inChunks(customerIds, "SELECT key, customer FROM search_keys WHERE %s", "customer",
                rs -> out.add(new ProjectionChanges.SearchKey(rs.getString(1), rs.getString(2))));
        out.sort(SEARCH_KEY_ORDER);
        return out;
    }

    @Override
    public List<String> blockMembers(long block, int limit) {
        return list("SELECT customer FROM match_blocks WHERE block = ? ORDER BY customer LIMIT ?", rs -> rs.getString(1), block, limit);
    }

    @FunctionalInterface
    private interface RowConsumer {
        void accept(ResultSet rs) throws SQLException;
    }

    /** Runs {@code sql} (its {@code %s} a {@link SqlDialect#oneOf} condition on {@code column}) over {@code values} in chunks the dialect allows, on one read connection. */
    private void inChunks(Collection<String> values, String sql, String column, RowConsumer out) {
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

    @Override
    public List<String> tables() { return TABLES; }

    @Override
    public void rows(String table, long offset, long limit, Consumer<String> row) {
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

    @Override
    public String digest() {
        return db.stream(s -> {
            MessageDigest sha;
            try {
                sha = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            for (String table : TABLES) {
                sha.update(table.getBytes(StandardCharsets.UTF_8));
                PreparedStatement ps = s.prepare("SELECT * FROM " + table + " ORDER BY " + ORDER.get(table));
                ps.setFetchSize(JdbcLedger.FETCH);
                try (ResultSet rs = ps.executeQuery()) {
                    ResultSetMetaData md = rs.getMetaData();
                    while (rs.next()) {
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
