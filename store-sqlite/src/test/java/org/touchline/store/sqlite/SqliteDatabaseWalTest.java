package org.touchline.store.sqlite;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class SqliteDatabaseWalTest {
    @TempDir Path dir;

    /** A commit's worth of rows: 1 MiB of incompressible bytes. */
    private static final int ROW_BYTES = 64 << 10, ROWS_PER_COMMIT = 16;
    /** A small limit, so a few commits pass it. */
    private static final long LIMIT = 64L << 20;

    @Test
    void theWalStaysNearItsLimitUnderContinuousCommitsWithReadersBeside() throws Exception {
        Path file = dir.resolve("wal.db");
        Path wal = dir.resolve("wal.db-wal");
        int commits = 160; // 160 MiB written, two and a half times the limit
        long largest = 0;
        AtomicBoolean reading = new AtomicBoolean(true);
        AtomicLong reads = new AtomicLong();
        try (SqliteDatabase db = new SqliteDatabase(file, LIMIT)) {
            db.write(s -> {
                s.execute("CREATE TABLE blobs (id INTEGER PRIMARY KEY, body BLOB NOT NULL)");
                return null;
            });
            // Short reads all along, as the sequencer makes while ingesting.
            Thread reader = new Thread(() -> {
                while (reading.get()) {
                    db.read(s -> {
                        try (ResultSet rs = s.prepare("SELECT count(*) FROM blobs").executeQuery()) {
                            return rs.next();
                        }
                    });
                    reads.incrementAndGet();
                }
            });
            reader.start();
            Random random = new Random(17);
            byte[] body = new byte[ROW_BYTES];
            for (int c = 0; c < commits; c++) {
                int first = c * ROWS_PER_COMMIT;
                db.write(s -> {
                    PreparedStatement insert = s.prepare("INSERT INTO blobs (id, body) VALUES (?, ?)");
                    for (int k = 0; k < ROWS_PER_COMMIT; k++) {
                        random.nextBytes(body);
                        insert.setLong(1, first + k);
                        insert.setBytes(2, body);
                        insert.addBatch();
                    }
                    insert.executeBatch();
                    return null;
                });
                largest = Math.max(largest, Files.size(wal));
            }
            reading.set(false);
            reader.join();
            long stored = db.read(s -> {
                try (ResultSet rs = s.prepare("SELECT count(*), sum(length(body)) FROM blobs").executeQuery()) {
                    rs.next();
                    assertThat(rs.getLong(2)).isEqualTo((long) commits * ROWS_PER_COMMIT * ROW_BYTES);
                    return rs.getLong(1);
                }
            });
            assertThat(stored).isEqualTo((long) commits * ROWS_PER_COMMIT);
        }
        assertThat(reads.get()).isPositive();
        // The limit, plus what the commits after a reader held on wrote (a few, each a little over 1 MiB).
        assertThat(largest).isLessThan(LIMIT + (16L << 20));
    }
}
