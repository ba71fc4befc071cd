package org.touchline.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.touchline.domain.Identifier;
import org.touchline.domain.store.DeadLetter;
import org.touchline.node.Outcome;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A backup taken before an erasure: its files hold the person's identifiers only as ciphertext, and restoring it with
 * the live node's erasures does not bring the person back, nor let a record carrying their email in again.
 */
class BackupErasureTest {
    static final String EMAIL = "annika.backup@example.com", PHONE = "+447700900456", NAME = "Annika Backupson";

    static String annRecord(String id, String channel) {
        return "{\"source\":\"crm\",\"sourceRecordId\":\"" + id + "\",\"occurredAt\":\"2026-03-01T09:00:00Z\",\"channel\":\"" + channel
                + "\",\"type\":\"enquiry\",\"identifiers\":[{\"type\":\"email\",\"value\":\"" + EMAIL + "\"},{\"type\":\"phone\",\"value\":\""
                + PHONE + "\"},{\"type\":\"name\",\"value\":\"" + NAME + "\"}],\"text\":\"My name is " + NAME + "\"}";
    }

    static final String BOB = "{\"source\":\"crm\",\"sourceRecordId\":\"b1\",\"occurredAt\":\"2026-03-01T09:00:00Z\",\"channel\":\"web\","
            + "\"type\":\"enquiry\",\"identifiers\":[{\"type\":\"email\",\"value\":\"bob.backup@example.com\"}]}";

    /** A live node holding Annika (two records, one refused as a dead letter: channel "pigeon") and Bob. */
    static Path live(Path work) throws Exception {
        Path records = Files.writeString(work.resolve("records.ndjson"),
                String.join("\n", annRecord("a1", "email"), annRecord("a2", "pigeon"), annRecord("a3", "web"), BOB) + "\n");
        Path dir = work.resolve("live");
        CommandRun in = CommandRun.of("ingest", "-d", dir.toString(), "--ndjson", records.toString());
        assertThat(in.exit()).as("one record refused: " + in.err()).isEqualTo(ExitCode.PARTIAL);
        return dir;
    }

    static CommandRun eraseAnnika(Path dir) throws Exception {
        String ann;
        DataDirOption option = new DataDirOption();
        option.dataDir = dir;
        try (var open = option.open()) {
            ann = open.node().customers().findByIdentifier(new Identifier("email", EMAIL)).orElseThrow();
        }
        CommandRun erase = CommandRun.of("erase", ann, "-d", dir.toString(), "--actor", "dpo", "--yes");
        assertThat(erase.exit()).as(erase.err()).isZero();
        return erase;
    }

    /** Every file under {@code root} holding {@code needle}, any case. */
    static List<String> filesHolding(Path root, String needle) throws Exception {
        String n = needle.toLowerCase(Locale.ROOT);
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(Files::isRegularFile).toList())
                if (new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT).contains(n)) found.add(root.relativize(p).toString());
        }
        return found;
    }

    @TempDir Path work;
    final Path passphrase() throws Exception { return Files.writeString(work.resolve("passphrase"), "correct horse battery staple\n"); }

    @Test
    void aBackupHoldsTheRefusedRecordsOnlySealedAndNoIdentifierInClear() throws Exception {
        Path dir = live(work), backup = work.resolve("backup");
        assertThat(filesHolding(dir, EMAIL)).as("the live store keeps the dead letter in clear, the test can see it").isNotEmpty();
        CommandRun b = CommandRun.of("backup", "-d", dir.toString(), "--to", backup.toString(), "--passphrase-file", passphrase().toString());
        assertThat(b.exit()).as(b.err()).isZero();
        assertThat(b.out()).contains("1 dead letter(s) sealed");
        for (String value : List.of(EMAIL, PHONE, NAME, "bob.backup@example.com"))
            assertThat(filesHolding(backup, value)).as(value).isEmpty();

        Path restored = work.resolve("restored");
        CommandRun r = CommandRun.of("restore", "--from", backup.toString(), "-d", restored.toString(), "--passphrase-file", passphrase().toString());
        assertThat(r.exit()).as(r.err()).isZero();
        DataDirOption option = new DataDirOption();
        option.dataDir = restored;
        try (var open = option.open()) {
            List<DeadLetter> letters = open.node().deadLetters().list(DeadLetter.OPEN, 0, 10);
            assertThat(letters).singleElement().satisfies(d -> {
                assertThat(d.raw()).as("opened again by the restore").isEqualTo(annRecord("a2", "pigeon"));
                assertThat(d.problems()).contains("pigeon");
            });
        }
    }

    @Test
    void restoringABackupTakenBeforeAnErasureWithTheLiveErasuresDoesNotBringThePersonBack() throws Exception {
        Path dir = live(work), backup = work.resolve("backup"), restored = work.resolve("restored");
        assertThat(CommandRun.of("backup", "-d", dir.toString(), "--to", backup.toString(), "--passphrase-file", passphrase().toString()).exit()).isZero();
        eraseAnnika(dir);

        CommandRun r = CommandRun.of("restore", "--from", backup.toString(), "-d", restored.toString(), "--passphrase-file", passphrase().toString(),
                "--erasures-from", dir.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("Erasures re-applied from", "1 customer(s) erased now");
        DataDirOption option = new DataDirOption();
        option.dataDir = restored;
        try (var open = option.open()) {
            var node = open.node();
            assertThat(node.customers().findByIdentifier(new Identifier("email", EMAIL))).as("not served").isEmpty();
            assertThat(node.customers().findByIdentifier(new Identifier("email", "bob.backup@example.com"))).as("Bob stays").isPresent();
            assertThat(node.deadLetters().count(DeadLetter.OPEN)).as("her refused record went with her").isZero();
            Outcome late = node.ingestion().one(annRecord("a9", "web"), "api");
            assertThat(late.status()).as("her email still refuses").isEqualTo(Outcome.Status.REJECTED);
            assertThat(late.problems().get(0).reason()).contains("erased");
        }
        assertThat(CommandRun.of("verify", "-d", restored.toString()).out()).contains("OK: the ledger verifies.");
        for (String value : List.of(EMAIL, PHONE, NAME)) assertThat(filesHolding(restored, value)).as(value).isEmpty();

        // Re-applied again (from the restored node itself), nothing more is appended.
        Path again = work.resolve("again");
        CommandRun twice = CommandRun.of("restore", "--from", backup.toString(), "-d", again.toString(), "--passphrase-file", passphrase().toString(),
                "--erasures-from", restored.toString());
        assertThat(twice.exit()).as(twice.err()).isZero();
    }

    @Test
    void anErasedPersonTheBackupNeverHeldIsRefusedAfterTheRestore() throws Exception {
        Path dir = work.resolve("live"), backup = work.resolve("backup"), restored = work.resolve("restored");
        Path bob = Files.writeString(work.resolve("bob.ndjson"), BOB + "\n");
        assertThat(CommandRun.of("ingest", "-d", dir.toString(), "--ndjson", bob.toString()).exit()).isZero();
        assertThat(CommandRun.of("backup", "-d", dir.toString(), "--to", backup.toString(), "--passphrase-file", passphrase().toString()).exit()).isZero();
        // Annika arrives after the backup and is erased.
        Path ann = Files.writeString(work.resolve("ann.ndjson"), annRecord("a1", "email") + "\n");
        assertThat(CommandRun.of("ingest", "-d", dir.toString(), "--ndjson", ann.toString()).exit()).isZero();
        eraseAnnika(dir);

        CommandRun r = CommandRun.of("restore", "--from", backup.toString(), "-d", restored.toString(), "--passphrase-file", passphrase().toString(),
                "--erasures-from", dir.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("0 customer(s) erased now", "2 identifier(s) of people the backup did not hold recorded as erased");
        DataDirOption option = new DataDirOption();
        option.dataDir = restored;
        try (var open = option.open()) {
            assertThat(open.node().ingestion().one(annRecord("a1", "email"), "api").status()).isEqualTo(Outcome.Status.REJECTED);
        }
    }

    @Test
    void aRestoreWithoutErasuresSaysThatNoneWasReapplied() throws Exception {
        Path dir = live(work), backup = work.resolve("backup");
        assertThat(CommandRun.of("backup", "-d", dir.toString(), "--to", backup.toString(), "--passphrase-file", passphrase().toString()).exit()).isZero();
        CommandRun r = CommandRun.of("restore", "--from", backup.toString(), "-d", work.resolve("restored").toString(), "--passphrase-file", passphrase().toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("No erasure was re-applied", "--erasures-from");
    }
}
