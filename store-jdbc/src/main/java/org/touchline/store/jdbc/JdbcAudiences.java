package org.touchline.store.jdbc;

import org.touchline.domain.store.AudienceStore;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Audiences' members, sizes, due customers and the evaluator's cursor, on any {@link Database}. */
public final class JdbcAudiences implements AudienceStore {
    private final Database db;

    public JdbcAudiences(Database db) { this.db = db; }

    @Override
    public long cursor() {
        return db.read(x -> {
            try (ResultSet rs = x.prepare("SELECT next_index FROM audience_cursor WHERE id = 0").executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }

    @Override
    public long appliedThrough() {
        return db.read(x -> {
            try (ResultSet rs = x.prepare("SELECT applied_through FROM audience_cursor WHERE id = 0").executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1L;
            }
        });
    }

    @Override
    public Map<String, Member> membershipsOf(String customer) {
        return membershipsOf(List.of(customer)).getOrDefault(customer, Map.of());
    }

    @Override
    public Map<String, Map<String, Member>> membershipsOf(Collection<String> customers) {
        Map<String, Map<String, Member>> out = new HashMap<>();
        if (customers.isEmpty()) return out;
        List<String> all = List.copyOf(customers);
        int step = db.dialect().longestList();
        for (int from = 0; from < all.size(); from += step) {
            List<String> part = all.subList(from, Math.min(all.size(), from + step));
            db.read(x -> {
                PreparedStatement ps = x.prepare("SELECT audience, customer, since, entry FROM audience_members WHERE "
                        + db.dialect().oneOf("customer", part.size()));
                List<Object> args = db.dialect().listArguments(x, part);
                for (int k = 0; k < args.size(); k++) ps.setObject(k + 1, args.get(k));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Member m = member(rs);
                        out.computeIfAbsent(m.customer(), c -> new TreeMap<>()).put(m.audience(), m);
                    }
                }
                return null;
            });
        }
        return out;
    }

    @Override
    public List<Member> members(String audience, String after, int limit) {
        return db.read(x -> {
            PreparedStatement ps = x.prepare("SELECT audience, customer, since, entry FROM audience_members WHERE audience = ? AND customer > ? "
                    + "ORDER BY customer LIMIT ?");
            ps.setString(1, audience);
            ps.setString(2, after == null ? "" : after);
            ps.setInt(3, limit);
            List<Member> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(member(rs));
            }
            return out;
        });
    }

    private static Member member(ResultSet rs) throws SQLException {
        return new Member(rs.getString(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)), rs.getLong(4));
    }

    @Override
    public Map<String, State> states() {
        return db.read(x -> {
            Map<String, State> out = new LinkedHashMap<>();
            try (ResultSet rs = x.prepare("SELECT audience, size, backfill_after FROM audience_state ORDER BY audience").executeQuery()) {
                while (rs.next()) out.put(rs.getString(1), new State(rs.getString(1), rs.getLong(2), rs.getString(3)));
            }
            return out;
        });
    }

    @Override
    public List<DailySize> sizes(String audience, LocalDate from, LocalDate to) {
        return db.read(x -> {
            List<DailySize> out = new ArrayList<>();
            // The last day before the range: the size the range starts from.
            PreparedStatement before = x.prepare("SELECT day, size, entered, exited FROM audience_sizes WHERE audience = ? AND day < ? "
                    + "ORDER BY day DESC LIMIT 1");
            before.setString(1, audience);
            before.setString(2, from.toString());
            try (ResultSet rs = before.executeQuery()) {
                if (rs.next()) out.add(daily(rs));
            }
            PreparedStatement ps = x.prepare("SELECT day, size, entered, exited FROM audience_sizes WHERE audience = ? AND day >= ? AND day <= ? ORDER BY day");
            ps.setString(1, audience);
            ps.setString(2, from.toString());
            ps.setString(3, to.toString());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(daily(rs));
            }
            return out;
        });
    }

    private static DailySize daily(ResultSet rs) throws SQLException {
        return new DailySize(LocalDate.parse(rs.getString(1)), rs.getLong(2), rs.getLong(3), rs.getLong(4));
    }

    @Override
    public List<String> due(Instant now, int limit) {
        return db.read(x -> {
            PreparedStatement ps = x.prepare("SELECT customer FROM audience_due WHERE due_at <= ? ORDER BY due_at, customer LIMIT ?");
            ps.setLong(1, now.toEpochMilli());
            ps.setInt(2, limit);
            return strings(ps);
        });
    }

    @Override
    public List<String> customersAfter(String after, int limit) {
        return db.read(x -> {
            PreparedStatement ps = x.prepare("SELECT id FROM customers WHERE id > ? ORDER BY id LIMIT ?");
            ps.setString(1, after == null ? "" : after);
            ps.setInt(2, limit);
            return strings(ps);
        });
    }

    private static List<String> strings(PreparedStatement ps) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }

    @Override
    public void record(Round round) {
        db.write(x -> {
            for (String a : round.forgotten()) forget(x, a);
            for (String a : round.restarted()) {
                PreparedStatement ps = x.prepare(db.dialect().insertIgnoringDuplicates(
                        "INSERT INTO audience_state (audience, size, backfill_after) VALUES (?, 0, ?)"));
                ps.setString(1, a);
                ps.setString(2, "");
                if (ps.executeUpdate() == 0) {
                    PreparedStatement again = x.prepare("UPDATE audience_state SET backfill_after = ? WHERE audience = ?");
                    again.setString(1, "");
                    again.setString(2, a);
                    again.executeUpdate();
                }
            }
            Map<String, long[]> sizes = new HashMap<>();
            for (Change c : round.changes()) if (apply(x, c)) {
                // Per audience and day: how many entered and left, and the size after the last of them.
                long[] d = sizes.computeIfAbsent(c.audience() + "\n" + LocalDate.ofInstant(c.at(), ZoneOffset.UTC), k -> new long[2]);
                d[c.entered() ? 0 : 1]++;
            }
            if (!sizes.isEmpty()) sizes(x, sizes);
            PreparedStatement dueSet = x.prepare(db.dialect().upsert("audience_due", "customer", "due_at"));
            PreparedStatement dueGone = x.prepare("DELETE FROM audience_due WHERE customer = ?");
            for (Map.Entry<String, Long> d : round.due().entrySet()) {
                if (d.getValue() == null) {
                    dueGone.setString(1, d.getKey());
                    dueGone.executeUpdate();
                } else {
                    dueSet.setString(1, d.getKey());
                    dueSet.setLong(2, d.getValue());
                    dueSet.executeUpdate();
                }
            }
            PreparedStatement progress = x.prepare("UPDATE audience_state SET backfill_after = ? WHERE audience = ?");
            for (Map.Entry<String, String> b : round.backfill().entrySet()) {
                progress.setString(1, b.getValue());
                progress.setString(2, b.getKey());
                progress.executeUpdate();
            }
            if (round.cursor() != null || round.appliedThrough() != null) {
                x.prepare(db.dialect().insertIgnoringDuplicates("INSERT INTO audience_cursor (id, next_index, applied_through) VALUES (0, 0, -1)"))
                        .executeUpdate();
            }
            if (round.cursor() != null) {
                PreparedStatement cursor = x.prepare("UPDATE audience_cursor SET next_index = ? WHERE id = 0");
                cursor.setLong(1, round.cursor());
                cursor.executeUpdate();
            }
            if (round.appliedThrough() != null) {
                PreparedStatement applied = x.prepare("UPDATE audience_cursor SET applied_through = ? WHERE id = 0 AND applied_through < ?");
                applied.setLong(1, round.appliedThrough());
                applied.setLong(2, round.appliedThrough());
                applied.executeUpdate();
            }
            return null;
        });
    }

    /** Applies one change if it changes the members; true when it did. */
    private static boolean apply(Session x, Change c) throws SQLException {
        int changed;
        if (c.entered()) {
            PreparedStatement ps = x.prepare("INSERT INTO audience_members (audience, customer, since, entry) VALUES (?, ?, ?, ?) "
                    + "ON CONFLICT (audience, customer) DO NOTHING");
            ps.setString(1, c.audience());
            ps.setString(2, c.customer());
            ps.setLong(3, c.at().toEpochMilli());
            ps.setLong(4, c.entry());
            changed = ps.executeUpdate();
            if (changed == 0 && c.entry() >= 0) {
                // Read back from the log: the member row gets the entry that records it.
                PreparedStatement entry = x.prepare("UPDATE audience_members SET entry = ? WHERE audience = ? AND customer = ? AND entry < 0");
                entry.setLong(1, c.entry());
                entry.setString(2, c.audience());
                entry.setString(3, c.customer());
                entry.executeUpdate();
            }
        } else {
            PreparedStatement ps = x.prepare("DELETE FROM audience_members WHERE audience = ? AND customer = ?");
            ps.setString(1, c.audience());
            ps.setString(2, c.customer());
            changed = ps.executeUpdate();
        }
        if (changed == 0) return false;
        PreparedStatement size = x.prepare("UPDATE audience_state SET size = size + ? WHERE audience = ?");
        size.setLong(1, c.entered() ? 1 : -1);
        size.setString(2, c.audience());
        size.executeUpdate();
        return true;
    }

    /** Adds the day's entries and departures, and sets the day's size to the audience's size now. */
    private static void sizes(Session x, Map<String, long[]> byDay) throws SQLException {
        PreparedStatement now = x.prepare("SELECT size FROM audience_state WHERE audience = ?");
        PreparedStatement add = x.prepare("INSERT INTO audience_sizes (audience, day, size, entered, exited) VALUES (?, ?, ?, ?, ?) "
                + "ON CONFLICT (audience, day) DO UPDATE SET size = excluded.size, entered = audience_sizes.entered + excluded.entered, "
                + "exited = audience_sizes.exited + excluded.exited");
        for (Map.Entry<String, long[]> e : byDay.entrySet()) {
            String[] key = e.getKey().split("\n");
            now.setString(1, key[0]);
            long size;
            try (ResultSet rs = now.executeQuery()) {
                size = rs.next() ? rs.getLong(1) : 0;
            }
            add.setString(1, key[0]);
            add.setString(2, key[1]);
            add.setLong(3, size);
            add.setLong(4, e.getValue()[0]);
            add.setLong(5, e.getValue()[1]);
            add.executeUpdate();
        }
    }

    private static void forget(Session x, String audience) throws SQLException {
        for (String table : List.of("audience_members", "audience_sizes", "audience_state")) {
            PreparedStatement ps = x.prepare("DELETE FROM " + table + " WHERE audience = ?");
            ps.setString(1, audience);
            ps.executeUpdate();
        }
    }
}
