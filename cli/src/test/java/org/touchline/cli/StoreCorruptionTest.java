package org.touchline.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.touchline.demo.DemoCompany;
import org.touchline.node.IntegrityWatch;
import org.touchline.store.sqlite.SqliteStore;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A damaged store file: a node refuses to start on a file cut short, and stops writes once its integrity watch finds
 * a damaged page, with a message that names the damage (not a stack trace), and
 * {@code touchline verify} names it too: SQLite's integrity-check message for broken pages, the first bad index for a
 * value altered inside the log.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StoreCorruptionTest {
    @TempDir static Path shared;
    static Path records;

    @BeforeAll
    static void file() throws IOException {
        records = DemoCompany.writeBenchFile(shared.resolve("records.ndjson"), 3_000, 11);
    }

    private static Path ingested(Path work) {
        Path dir = work.resolve("node");
        assertThat(CommandRun.of("ingest", "-d", dir.toString(), "--ndjson", records.toString()).exit()).isZero();
        return dir;
    }

    /** Starting the node: {@code serve} on any free port (it would block if the store were accepted). */
    private static CommandRun start(Path dir) {
        return CommandRun.of("serve", "-d", dir.toString(), "--port", "0");
    }

    private static void refusedNamingDamage(CommandRun started, String damage) {
        assertThat(started.exit()).isEqualTo(1);
        assertThat(started.err()).startsWith("touchline: the store ").contains("is damaged and was not opened", damage, "touchline restore")
                .doesNotContain("Exception", "\tat ");
    }

    @Test
    void aTruncatedStoreIsRefusedAtStartAndVerifyNamesTheDamage(@TempDir Path work) throws IOException {
        Path dir = ingested(work), db = dir.resolve(SqliteStore.FILE);
        try (RandomAccessFile f = new RandomAccessFile(db.toFile(), "rw")) {
            f.setLength(f.length() / 2);
        }
        refusedNamingDamage(start(dir), "cut short");
        CommandRun verify = CommandRun.of("verify", "-d", dir.toString());
        assertThat(verify.exit()).isEqualTo(1);
        assertThat(verify.out()).contains("FAILED: the store file is damaged", "malformed");
    }

    @Test
    void bytesOverwrittenInTheMiddleOfTheFileStopWritesOnceTheWatchChecksThePagesAndVerifyNamesThePage(@TempDir Path work) throws IOException {
        Path dir = ingested(work), db = dir.resolve(SqliteStore.FILE);
        try (RandomAccessFile f = new RandomAccessFile(db.toFile(), "rw")) {
            f.seek(16);
            int pageSize = f.readUnsignedShort();
            long pages = f.length() / pageSize;
            // The first 64 bytes of the middle page: its b-tree page header and first cell pointers, seeded noise.
            byte[] noise = new byte[64];
            new Random(5).nextBytes(noise);
            f.seek(pages / 2 * pageSize);
            f.write(noise);
        }
        // The start does not read every page (a second per 750 MB); the serving node's integrity watch does, first.
        DataDirOption data = new DataDirOption();
        data.dataDir = dir;
        try (var open = data.open()) {
            IntegrityWatch.Status s = open.node().integrity().run();
            assertThat(s.state()).isEqualTo("damaged");
            assertThat(s.problem()).startsWith("the store's structural check reports: ").containsPattern("(?i)page|malformed|corrupt");
            assertThat(open.node().writesStopped()).hasValueSatisfying(why -> assertThat(why).contains("the store is damaged", "touchline restore"));
        }
        CommandRun verify = CommandRun.of("verify", "-d", dir.toString());
        assertThat(verify.exit()).isEqualTo(1);
        assertThat(verify.out()).contains("FAILED: the store file is damaged").containsPattern("(?i)page|malformed|corrupt");
    }

    @Test
    void aByteChangedInsideAnEntryIsNamedByVerifyAtItsIndex(@TempDir Path work) throws IOException {
        Path dir = ingested(work), db = dir.resolve(SqliteStore.FILE);
        long victim;
        byte[] leaf;
        try (SqliteStore store = new SqliteStore(dir)) {
            victim = store.ledger().size() / 2;
            leaf = store.ledger().leaf(victim);
        }
        byte[] file = Files.readAllBytes(db);
        int at = indexOf(file, leaf);
        assertThat(at).as("entry %d's bytes in the file", victim).isPositive();
        assertThat(indexOf(Arrays.copyOfRange(file, at + 1, file.length), leaf)).as("found once").isNegative();
        // A digit of the entry's own JSON, changed to another digit: SQLite keeps no checksum of a value, so only the
        // ledger's hashes can see this.
        int digit = at;
        while (file[digit] < '0' || file[digit] > '9') digit++;
        file[digit] = (byte) (file[digit] == '9' ? '8' : file[digit] + 1);
        Files.write(db, file);

        CommandRun verify = CommandRun.of("verify", "-d", dir.toString());
        assertThat(verify.exit()).isEqualTo(1);
        assertThat(verify.out()).contains("FAILED: first bad index " + victim, "entry " + victim);
    }

    @Test
    void anAlteredLatestCheckpointIsRefusedAtStart(@TempDir Path work) {
        Path dir = ingested(work);
        try (SqliteStore store = new SqliteStore(dir)) {
            store.database().write(s -> {
                s.execute("UPDATE checkpoints SET note = replace(note, '\u2014 ', '\u2014 x') WHERE size = (SELECT max(size) FROM checkpoints)");
                return null;
            });
        }
        CommandRun started = start(dir);
        assertThat(started.exit()).isEqualTo(1);
        assertThat(started.err()).startsWith("touchline: the ledger is damaged and the node will not start on it: the latest checkpoint")
                .contains("does not verify").doesNotContain("\tat ");
        assertThat(CommandRun.of("verify", "-d", dir.toString()).out()).contains("FAILED", "signature or format invalid");
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) if (haystack[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }

    @Test
    void aTimelineRowMovedToAnotherCustomerIsNamedByVerifyAndTheLedgerStillVerifies(@TempDir Path work) throws Exception {
        Path dir = ingested(work);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(SqliteStore.FILE));
             Statement s = c.createStatement()) {
            // The newest row of one customer given to another: the ledger's leaves and hashes are untouched.
            int moved = s.executeUpdate("UPDATE timeline SET customer = (SELECT MAX(customer) FROM timeline) "
                    + "WHERE idx = (SELECT MAX(idx) FROM timeline WHERE customer = (SELECT MIN(customer) FROM timeline))");
            assertThat(moved).isEqualTo(1);
        }
        CommandRun verify = CommandRun.of("verify", "-d", dir.toString());
        assertThat(verify.exit()).as(verify.out()).isEqualTo(1);
        assertThat(verify.out()).contains("OK: the ledger verifies.", "FAILED: projection timeline, row", "touchline rebuild");
    }
}
