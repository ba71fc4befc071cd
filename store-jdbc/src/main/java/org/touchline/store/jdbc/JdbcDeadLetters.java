package org.touchline.store.jdbc;

import org.touchline.domain.store.DeadLetter;
import org.touchline.domain.store.DeadLetterStore;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/** Refused records, on any {@link Database}. */
public final class JdbcDeadLetters implements DeadLetterStore {
    private static final String COLUMNS = "id, received_at, source, origin, record_ref, raw, problems, status";
    private final Database db;

    public JdbcDeadLetters(Database db) { this.db = db; }

    @Override
    public void add(List<DeadLetter> letters) {
        if (letters.isEmpty()) return;
        db.write(s -> {
            // dead_letters_once (origin, record_ref and raw, or its hash) turns a letter already held into no change
            PreparedStatement ps = s.prepare(db.dialect().insertIgnoringDuplicates("INSERT INTO dead_letters (received_at, source, origin, record_ref, raw, problems, status) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?)"));
            for (DeadLetter d : letters) {
                ps.setString(1, d.receivedAt().toString());
                ps.setString(2, d.source());
                ps.setString(3, d.origin());
                ps.setString(4, d.recordRef());
                ps.setString(5, d.raw());
                ps.setString(6, d.problems());
                ps.setString(7, d.status());
                ps.addBatch();
            }
            ps.executeBatch();
            return null;
        });
    }

    @Override
    public List<DeadLetter> list(String status, long afterId, int limit) {
        return db.read(s -> {
            PreparedStatement ps = s.prepare("SELECT " + COLUMNS + " FROM dead_letters WHERE status = ? AND id > ? ORDER BY id LIMIT ?");
            ps.setString(1, status);
            ps.setLong(2, afterId);
            ps.setInt(3, limit);
            List<DeadLetter> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(row(rs));
            }
            return out;
        });
    }

    @Override
    public Optional<DeadLetter> get(long id) {
        return db.read(s -> {
            PreparedStatement ps = s.prepare("SELECT " + COLUMNS + " FROM dead_letters WHERE id = ?");
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        });
    }

    @Override
    public void markResubmitted(long id) {
        db.write(s -> {
            PreparedStatement ps = s.prepare("UPDATE dead_letters SET status = ? WHERE id = ?");
            ps.setString(1, DeadLetter.RESUBMITTED);
            ps.setLong(2, id);
            ps.executeUpdate();
            return null;
        });
    }

    @Override
    public long count(String status) {
        return db.read(s -> {
            PreparedStatement ps = s.prepare("SELECT COUNT(*) FROM dead_letters WHERE status = ?");
            ps.setString(1, status);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }

    @Override
    public long openOf(String quotaKey) {
        return db.read(s -> {
            PreparedStatement ps = s.prepare("SELECT COUNT(*) FROM dead_letters WHERE status = ? AND COALESCE(source, origin) = ?");
            ps.setString(1, DeadLetter.OPEN);
            ps.setString(2, quotaKey);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }

    @Override
    public void overQuota(String quotaKey, long records) {
        if (records <= 0) return;
        db.write(s -> {
            PreparedStatement up = s.prepare("UPDATE dead_letter_overflow SET refused = refused + ? WHERE quota_key = ?");
            up.setLong(1, records);
            up.setString(2, quotaKey);
            if (up.executeUpdate() == 0) {
                PreparedStatement in = s.prepare("INSERT INTO dead_letter_overflow (quota_key, refused) VALUES (?, ?)");
                in.setString(1, quotaKey);
                in.setLong(2, records);
                in.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Map<String, Long> overQuota() {
        return db.read(s -> {
            Map<String, Long> out = new TreeMap<>();
            try (ResultSet rs = s.prepare("SELECT quota_key, refused FROM dead_letter_overflow").executeQuery()) {
                while (rs.next()) out.put(rs.getString(1), rs.getLong(2));
            }
            return out;
        });
    }

    @Override
    public long erase(Predicate<String> holds) {
        List<Long> doomed = new ArrayList<>();
        db.read(s -> {
            try (ResultSet rs = s.prepare("SELECT id, raw FROM dead_letters").executeQuery()) {
                while (rs.next()) if (holds.test(rs.getString(2))) doomed.add(rs.getLong(1));
            }
            return null;
        });
        if (doomed.isEmpty()) return 0;
        db.write(s -> {
            PreparedStatement ps = s.prepare("DELETE FROM dead_letters WHERE id = ?");
            for (long id : doomed) {
                ps.setLong(1, id);
                ps.addBatch();
            }
            ps.executeBatch();
            return null;
        });
        return doomed.size();
    }

    private static DeadLetter row(ResultSet rs) throws SQLException {
        return new DeadLetter(rs.getLong(1), Instant.parse(rs.getString(2)), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8));
    }
}
