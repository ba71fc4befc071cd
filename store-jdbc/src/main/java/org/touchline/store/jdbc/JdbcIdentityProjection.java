package org.touchline.store.jdbc;

import org.touchline.domain.IdentityDecision;
import org.touchline.domain.store.IdentityProjection;
import org.touchline.domain.store.ProjectionChanges;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import static org.touchline.store.jdbc.ProjectionSql.forget;

/**
 * What identity resolution decided and keeps: its decisions and review queue ({@code identity_decisions}), the pairs kept
 * apart ({@code apart}), relationships, and the sealed match profiles with their blocks and postcode areas.
 */
final class JdbcIdentityProjection implements IdentityProjection {
    private final ProjectionSql sql;

    JdbcIdentityProjection(ProjectionSql sql) { this.sql = sql; }

    /**
     * What a batch changes here, in the caller's transaction (see {@link JdbcProjections#applyIn}). Reviews, rejections,
     * unmerges and relationships each come alone in their own batch. An erasure drops the customer's profile before a
     * batch's profiles are written, and its decisions and relationships after theirs.
     */
    void applyIn(Session s, ProjectionChanges c) throws SQLException {
        Rows decisions = sql.dialect().rows("identity_decisions", "entry", "about", "kind", "customer", "other", "status", "decision");
        for (ProjectionChanges.DecisionRow d : c.decisionRows)
            decisions.row(d.entry(), d.decision().about(), d.decision().kind(), d.decision().customerId(), d.decision().otherCustomerId(),
                    d.status(), d.decision().leaf());
        decisions.into(s);
        for (ProjectionChanges.Apart a : c.apart) {
            PreparedStatement ps = s.prepare(sql.dialect().upsert("apart", "a, b", "at_index"));
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
        forget(s, c.erased, List.of("DELETE FROM profiles WHERE customer = ?", "DELETE FROM relationships WHERE from_customer = ? OR to_customer = ?",
                "DELETE FROM apart WHERE a = ? OR b = ?", "DELETE FROM identity_decisions WHERE customer = ? OR other = ?",
                "DELETE FROM match_blocks WHERE customer = ?", "DELETE FROM postcode_areas WHERE customer = ?"));
        sql.replaceOrDelete(s, "profiles", "customer", "sealed", c.profiles);
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

    /** A row of {@code SELECT entry, status, decision FROM identity_decisions}. */
    private static ProjectionChanges.DecisionRow decision(ResultSet rs) throws SQLException {
        return new ProjectionChanges.DecisionRow(rs.getLong(1), IdentityDecision.parse(rs.getBytes(3)), rs.getString(2));
    }

    /** A row of {@code SELECT entry, type, from_customer, to_customer, valid_from, valid_to FROM relationships}. */
    private static ProjectionChanges.Relationship relationship(ResultSet rs) throws SQLException {
        return new ProjectionChanges.Relationship(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6));
    }

    @Override
    public List<ProjectionChanges.DecisionRow> decisionsOf(String customerId) {
        return sql.list("SELECT entry, status, decision FROM identity_decisions WHERE customer = ? OR other = ? ORDER BY entry",
                JdbcIdentityProjection::decision, customerId, customerId);
    }

    @Override
    public List<ProjectionChanges.DecisionRow> reviews(String status, long afterEntry, int limit) {
        return sql.list("SELECT entry, status, decision FROM identity_decisions WHERE kind = 'review' AND status = ? AND entry > ? "
                + "ORDER BY entry LIMIT ?", JdbcIdentityProjection::decision, status, afterEntry, limit);
    }

    @Override
    public long reviewCount(String status) {
        return sql.db().read(s -> {
            PreparedStatement ps = s.prepare("SELECT COUNT(*) FROM identity_decisions WHERE kind = 'review' AND status = ?");
            ps.setString(1, status);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }

    @Override
    public Optional<ProjectionChanges.DecisionRow> decision(long entry) {
        return sql.list("SELECT entry, status, decision FROM identity_decisions WHERE entry = ?", JdbcIdentityProjection::decision, entry)
                .stream().findFirst();
    }

    @Override
    public void loadApart(Consumer<ProjectionChanges.Apart> out) {
        sql.scan("SELECT a, b, at_index FROM apart ORDER BY a, b", rs -> new ProjectionChanges.Apart(rs.getString(1), rs.getString(2), rs.getLong(3)), out);
    }

    @Override
    public List<ProjectionChanges.Apart> apartOf(Collection<String> customerIds) {
        TreeMap<String, ProjectionChanges.Apart> out = new TreeMap<>();
        ProjectionSql.RowConsumer row = rs -> out.put(rs.getString(1) + "\u0000" + rs.getString(2),
                new ProjectionChanges.Apart(rs.getString(1), rs.getString(2), rs.getLong(3)));
        sql.inChunks(customerIds, "SELECT a, b, at_index FROM apart WHERE %s", "a", row);
        sql.inChunks(customerIds, "SELECT a, b, at_index FROM apart WHERE %s", "b", row);
        return new ArrayList<>(out.values());
    }

    @Override
    public boolean anyApart() { return sql.anyRow("apart"); }

    @Override
    public List<ProjectionChanges.Relationship> relationships() {
        return sql.list("SELECT entry, type, from_customer, to_customer, valid_from, valid_to FROM relationships ORDER BY entry",
                JdbcIdentityProjection::relationship);
    }

    @Override
    public List<ProjectionChanges.Relationship> relationshipsOf(String customerId) {
        return sql.list("SELECT entry, type, from_customer, to_customer, valid_from, valid_to FROM relationships "
                + "WHERE from_customer = ? OR to_customer = ? ORDER BY entry", JdbcIdentityProjection::relationship, customerId, customerId);
    }

    @Override
    public Optional<ProjectionChanges.Relationship> relationship(long entry) {
        return sql.list("SELECT entry, type, from_customer, to_customer, valid_from, valid_to FROM relationships WHERE entry = ?",
                JdbcIdentityProjection::relationship, entry).stream().findFirst();
    }

    @Override
    public void loadProfiles(BiConsumer<String, byte[]> out) {
        sql.scan("SELECT customer, sealed FROM profiles ORDER BY customer", rs -> Map.entry(rs.getString(1), rs.getBytes(2)),
                e -> out.accept(e.getKey(), e.getValue()));
    }

    @Override
    public Map<String, byte[]> profilesOf(Collection<String> customerIds) {
        Map<String, byte[]> out = new HashMap<>();
        sql.inChunks(customerIds, "SELECT customer, sealed FROM profiles WHERE %s", "customer", rs -> out.put(rs.getString(1), rs.getBytes(2)));
        return out;
    }

    @Override
    public List<String> customersInPostcodeAreas(Collection<String> areaKeys) {
        TreeSet<String> out = new TreeSet<>();
        sql.inChunks(areaKeys, "SELECT customer FROM postcode_areas WHERE %s", "area", rs -> out.add(rs.getString(1)));
        return new ArrayList<>(out);
    }

    @Override
    public boolean postcodeAreasMissing() { return sql.anyRow("profiles") && !sql.anyRow("postcode_areas"); }

    @Override
    public List<String> blockMembers(long block, int limit) {
        return sql.list("SELECT customer FROM match_blocks WHERE block = ? ORDER BY customer LIMIT ?", rs -> rs.getString(1), block, limit);
    }
}
