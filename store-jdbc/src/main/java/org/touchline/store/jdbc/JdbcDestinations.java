package org.touchline.store.jdbc;

import org.touchline.domain.store.DestinationStore;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Outbound destinations, their cursors and the deliveries they owe, on any {@link Database}. */
public final class JdbcDestinations implements DestinationStore {
    private static final String SUBSCRIPTION = "id, name, sink, target, kinds, purpose, secret, state, created_at";
    private static final String DELIVERY = "idx, status, attempts, next_at, enqueued_at, last_error";
    /** What a delivery keeps of a receiver's answer: enough to say why, not a page of HTML. */
    private static final int ERROR_CHARS = 500;
    private final Database db;

    public JdbcDestinations(Database db) { this.db = db; }

    @Override
    public void create(Subscription s, long cursor) {
        db.write(x -> {
            PreparedStatement ps = x.prepare("INSERT INTO destinations (" + SUBSCRIPTION + ", next_index, delivered, failed, skipped) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0)");
            ps.setString(1, s.id());
            ps.setString(2, s.name());
            ps.setString(3, s.sink());
            ps.setString(4, s.target());
            ps.setString(5, String.join(",", s.kinds()));
            ps.setString(6, s.purpose());
            ps.setString(7, s.secret());
            ps.setString(8, s.state());
            ps.setLong(9, s.createdAt().toEpochMilli());
            ps.setLong(10, cursor);
            ps.executeUpdate();
            return null;
        });
    }

    @Override
    public List<Subscription> subscriptions() {
        return db.read(x -> {
            List<Subscription> out = new ArrayList<>();
            try (ResultSet rs = x.prepare("SELECT " + SUBSCRIPTION + " FROM destinations ORDER BY created_at, id").executeQuery()) {
                while (rs.next()) out.add(subscription(rs));
            }
            return out;
        });
    }

    @Override
    public Optional<Subscription> subscription(String id) {
        return db.read(x -> {
            PreparedStatement ps = x.prepare("SELECT " + SUBSCRIPTION + " FROM destinations WHERE id = ?");
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(subscription(rs)) : Optional.empty();
            }
        });
    }

    @Override
    public boolean setState(String id, String state) {
        return db.write(x -> {
            PreparedStatement ps = x.prepare("UPDATE destinations SET state = ? WHERE id = ?");
            ps.setString(1, state);
            ps.setString(2, id);
            return ps.executeUpdate() > 0;
        });
    }

    @Override
    public boolean delete(String id) {
        return db.write(x -> {
            PreparedStatement owed = x.prepare("DELETE FROM destination_deliveries WHERE destination = ?");
            owed.setString(1, id);
            owed.executeUpdate();
            PreparedStatement ps = x.prepare("DELETE FROM destinations WHERE id = ?");
            ps.setString(1, id);
            return ps.executeUpdate() > 0;
        });
    }

    @Override
    public boolean advance(String id, long from, long to, List<Delivery> owed) {
        return db.write(x -> {
            PreparedStatement move = x.prepare("UPDATE destinations SET next_index = ? WHERE id = ? AND next_index = ?");
            move.setLong(1, to);
            move.setString(2, id);
            move.setLong(3, from);
            if (move.executeUpdate() == 0) return false;
            if (owed.isEmpty()) return true;
            // An entry still owed from before a rewind stays one delivery, with its attempts so far.
            PreparedStatement ps = x.prepare(db.dialect().insertIgnoringDuplicates("INSERT INTO destination_deliveries "
                    + "(destination, " + DELIVERY + ") VALUES (?, ?, ?, ?, ?, ?, ?)"));
            for (Delivery d : owed) {
                ps.setString(1, id);
                ps.setLong(2, d.index());
                ps.setString(3, d.status());
                ps.setInt(4, d.attempts());
                ps.setLong(5, d.nextAt().toEpochMilli());
                ps.setLong(6, d.enqueuedAt().toEpochMilli());
                ps.setString(7, d.lastError());
                ps.addBatch();
            }
            ps.executeBatch();
            return true;
        });
    }

    @Override
    public List<Delivery> due(String id, Instant now, int limit) {
        return db.read(x -> {
            PreparedStatement ps = x.prepare("SELECT " + DELIVERY + " FROM destination_deliveries "
                    + "WHERE destination = ? AND status = ? AND next_at <= ? ORDER BY idx LIMIT ?");
            ps.setString(1, id);
            ps.setString(2, Delivery.PENDING);
            ps.setLong(3, now.toEpochMilli());
            ps.setInt(4, limit);
            return deliveries(ps);
        });
    }

    @Override
    public void settle(String id, List<Settled> settled) {
        if (settled.isEmpty()) return;
        db.write(x -> {
            long delivered = 0, failed = 0, skipped = 0;
            PreparedStatement done = x.prepare("DELETE FROM destination_deliveries WHERE destination = ? AND idx = ?");
            PreparedStatement again = x.prepare("UPDATE destination_deliveries SET status = ?, attempts = attempts + 1, next_at = ?, last_error = ? "
                    + "WHERE destination = ? AND idx = ?");
            for (Settled s : settled) {
                switch (s.outcome()) {
                    case DELIVERED, SKIPPED -> {
                        done.setString(1, id);
                        done.setLong(2, s.index());
                        // A delivery deleted meanwhile (the subscription deleted, then made again) is not counted.
                        if (done.executeUpdate() == 0) continue;
                        if (s.outcome() == Settled.Outcome.DELIVERED) delivered++;
                        else skipped++;
                    }
                    case RETRY, DEAD -> {
                        again.setString(1, s.outcome() == Settled.Outcome.DEAD ? Delivery.DEAD : Delivery.PENDING);
                        again.setLong(2, s.nextAt().toEpochMilli());
                        again.setString(3, s.error() == null ? null : s.error().substring(0, Math.min(ERROR_CHARS, s.error().length())));
                        again.setString(4, id);
                        again.setLong(5, s.index());
                        if (again.executeUpdate() > 0) failed++;
                    }
                }
            }
            PreparedStatement counts = x.prepare("UPDATE destinations SET delivered = delivered + ?, failed = failed + ?, skipped = skipped + ? WHERE id = ?");
            counts.setLong(1, delivered);
            counts.setLong(2, failed);
            counts.setLong(3, skipped);
            counts.setString(4, id);
            counts.executeUpdate();
            return null;
        });
    }

    @Override
    public List<Delivery> dead(String id, long afterIndex, int limit) {
        return db.read(x -> {
            PreparedStatement ps = x.prepare("SELECT " + DELIVERY + " FROM destination_deliveries "
                    + "WHERE destination = ? AND status = ? AND idx > ? ORDER BY idx LIMIT ?");
            ps.setString(1, id);
            ps.setString(2, Delivery.DEAD);
            ps.setLong(3, afterIndex);
            ps.setInt(4, limit);
            return deliveries(ps);
        });
    }

    @Override
    public int replayDead(String id, Instant now) {
        return db.write(x -> {
            PreparedStatement ps = x.prepare("UPDATE destination_deliveries SET status = ?, attempts = 0, next_at = ? WHERE destination = ? AND status = ?");
            ps.setString(1, Delivery.PENDING);
            ps.setLong(2, now.toEpochMilli());
            ps.setString(3, id);
            ps.setString(4, Delivery.DEAD);
            return ps.executeUpdate();
        });
    }

    @Override
    public boolean rewind(String id, long index) {
        return db.write(x -> {
            PreparedStatement ps = x.prepare("UPDATE destinations SET next_index = ? WHERE id = ?");
            ps.setLong(1, index);
            ps.setString(2, id);
            return ps.executeUpdate() > 0;
        });
    }

    @Override
    public Optional<Progress> progress(String id) {
        return db.read(x -> {
            PreparedStatement ps = x.prepare("SELECT next_index, delivered, failed, skipped FROM destinations WHERE id = ?");
            ps.setString(1, id);
            long cursor, delivered, failed, skipped;
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                cursor = rs.getLong(1);
                delivered = rs.getLong(2);
                failed = rs.getLong(3);
                skipped = rs.getLong(4);
            }
            PreparedStatement owed = x.prepare("SELECT status, COUNT(*), MIN(enqueued_at) FROM destination_deliveries WHERE destination = ? GROUP BY status");
            owed.setString(1, id);
            long pending = 0, dead = 0;
            Instant oldest = null;
            try (ResultSet rs = owed.executeQuery()) {
                while (rs.next()) {
                    if (Delivery.DEAD.equals(rs.getString(1))) dead = rs.getLong(2);
                    else {
                        pending = rs.getLong(2);
                        oldest = Instant.ofEpochMilli(rs.getLong(3));
                    }
                }
            }
            return Optional.of(new Progress(cursor, delivered, failed, dead, skipped, pending, oldest));
        });
    }

    private static Subscription subscription(ResultSet rs) throws SQLException {
        String kinds = rs.getString(5);
        return new Subscription(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                kinds.isEmpty() ? List.of() : Arrays.asList(kinds.split(",")), rs.getString(6), rs.getString(7), rs.getString(8),
                Instant.ofEpochMilli(rs.getLong(9)));
    }

    private static List<Delivery> deliveries(PreparedStatement ps) throws SQLException {
        List<Delivery> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next())
                out.add(new Delivery(rs.getLong(1), rs.getString(2), rs.getInt(3), Instant.ofEpochMilli(rs.getLong(4)),
                        Instant.ofEpochMilli(rs.getLong(5)), rs.getString(6)));
        }
        return out;
    }
}
