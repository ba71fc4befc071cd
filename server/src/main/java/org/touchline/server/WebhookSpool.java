package org.touchline.server;

import org.touchline.domain.InteractionJson;
import org.touchline.domain.InvalidRecordException;
import org.touchline.ingest.MappedRecord;
import org.touchline.ingest.events.ReceivedEvent;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The webhook intake's durable queue: mapped events a platform was told were received (202) and the ledger has not
 * appended yet, oldest first. A SQLite file of its own in the data directory ({@link #FILE}), whichever store holds the
 * ledger, so that queueing an event never waits for the ledger's commit: its rows are appended at the end of one
 * B-tree, a few to a page, where a ledger commit writes several randomly placed pages per record (docs/benchmarks.md,
 * "Where a one-record request's pages go"). {@code synchronous=FULL}: a queued event survives a power cut, as a ledger
 * commit does. A row is deleted, its bytes zeroed, once the ledger has its event: personal data waits here in clear
 * only that long. Thread-safe: every method holds the one connection.
 */
final class WebhookSpool implements AutoCloseable {
    static final String FILE = "webhook-intake.db";

    /**
     * A queued event: its place in the queue (the receipt the platform was given), the webhook source it came in by
     * (its route's name, which the ledger's submitter names) and the event as mapped (whose own source is its mapping's).
     */
    record Queued(long id, String webhook, ReceivedEvent event) {}

    private final Connection db;

    WebhookSpool(Path dataDir) {
        try {
            db = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(FILE));
            try (Statement s = db.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=FULL");
                s.execute("PRAGMA busy_timeout=10000");
                // Queued events hold personal data in clear until the ledger seals them: a forgotten row's bytes are zeroed.
                s.execute("PRAGMA secure_delete=ON");
                s.execute("CREATE TABLE IF NOT EXISTS queued (id INTEGER PRIMARY KEY, webhook TEXT NOT NULL, source TEXT, origin TEXT NOT NULL, "
                        + "record_ref TEXT NOT NULL, interaction TEXT NOT NULL)");
            }
            db.setAutoCommit(false);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the webhook intake " + dataDir.resolve(FILE) + ": " + e.getMessage(), e);
        }
    }

    /** Queues {@code events}, each come in by the webhook source of the same place, in one transaction; returns their ids, in order. */
    synchronized List<Long> queue(List<String> webhooks, List<ReceivedEvent> events) throws SQLException {
        List<Long> ids = new ArrayList<>(events.size());
        try (PreparedStatement ps = db.prepareStatement("INSERT INTO queued (webhook, source, origin, record_ref, interaction) VALUES (?, ?, ?, ?, ?) RETURNING id")) {
            for (int k = 0; k < events.size(); k++) {
                ReceivedEvent e = events.get(k);
                MappedRecord.Accepted a = (MappedRecord.Accepted) e.record();
                ps.setString(1, webhooks.get(k));
                ps.setString(2, e.source());
                ps.setString(3, e.origin());
                ps.setString(4, a.recordRef());
                ps.setString(5, InteractionJson.toJsonLine(a.interaction()));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    ids.add(rs.getLong(1));
                }
            }
            db.commit();
        } catch (SQLException e) {
            db.rollback();
            throw e;
        }
        return ids;
    }

    /** At most {@code max} of the oldest queued events. */
    synchronized List<Queued> oldest(int max) throws SQLException {
        List<Queued> out = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement("SELECT id, webhook, source, origin, record_ref, interaction FROM queued ORDER BY id LIMIT ?")) {
            ps.setInt(1, max);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String ref = rs.getString(5), json = rs.getString(6);
                    MappedRecord record;
                    try {
                        record = new MappedRecord.Accepted(ref, InteractionJson.parse(ref, json));
                    } catch (InvalidRecordException e) { // written by queue(), so not expected: kept as a dead letter all the same
                        record = new MappedRecord.Rejected(ref, json, e.problems());
                    }
                    out.add(new Queued(rs.getLong(1), rs.getString(2), new ReceivedEvent(record, rs.getString(4), rs.getString(3))));
                }
            }
            db.commit();
        }
        return out;
    }

    /** Forgets every event up to {@code id}: the ledger has them. */
    synchronized void appendedThrough(long id) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("DELETE FROM queued WHERE id <= ?")) {
            ps.setLong(1, id);
            ps.executeUpdate();
            db.commit();
        }
    }

    /** How many events wait for the ledger. */
    synchronized long waiting() throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM queued")) {
            rs.next();
            long n = rs.getLong(1);
            db.commit();
            return n;
        }
    }

    @Override
    public synchronized void close() throws SQLException { db.close(); }
}
