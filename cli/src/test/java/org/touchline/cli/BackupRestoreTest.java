package org.touchline.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.touchline.demo.DemoCompany;
import org.touchline.domain.store.StoredCheckpoint;
import org.touchline.store.sqlite.SqliteBackup;
import org.touchline.store.sqlite.SqliteStore;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code touchline backup} and {@code touchline restore}: the restored directory verifies, holds the original's latest
 * signed checkpoint, keeps ingesting, and never carries the master secret in clear unless the operator asked.
 */
class BackupRestoreTest {
    @TempDir static Path shared;
    static Path first, second, passphrase;

    @BeforeAll
    static void files() throws IOException {
        Path both = DemoCompany.writeBenchFile(shared.resolve("both.ndjson"), 2_500, 7);
        List<String> lines = Files.readAllLines(both);
        first = Files.write(shared.resolve("first.ndjson"), lines.subList(0, 1_500));
        second = Files.write(shared.resolve("second.ndjson"), lines.subList(1_500, lines.size()));
        passphrase = Files.writeString(shared.resolve("passphrase"), "correct horse battery staple\n");
    }

    private static Path ingested(Path work) {
        Path dir = work.resolve("node");
        assertThat(CommandRun.of("ingest", "-d", dir.toString(), "--ndjson", first.toString()).exit()).isZero();
        return dir;
    }

    private static StoredCheckpoint latest(Path dataDir) {
        return SqliteBackup.latestCheckpoint(dataDir.resolve(SqliteStore.FILE)).orElseThrow();
    }

    @Test
    void aRestoredBackupVerifiesHoldsTheOriginalsCheckpointAndKeepsIngesting(@TempDir Path work) {
        Path dir = ingested(work), backup = work.resolve("backup"), restored = work.resolve("restored");
        CommandRun b = CommandRun.of("backup", "-d", dir.toString(), "--to", backup.toString(), "--passphrase-file", passphrase.toString());
        assertThat(b.exit()).as(b.err()).isZero();
        assertThat(b.out()).contains("checkpoint at size " + latest(dir).size(), "sealed under the passphrase");

        CommandRun r = CommandRun.of("restore", "--from", backup.toString(), "-d", restored.toString(), "--passphrase-file", passphrase.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(latest(restored)).isEqualTo(latest(dir));
        assertThat(CommandRun.of("verify", "-d", restored.toString()).out()).contains("OK: the ledger verifies.");

        CommandRun more = CommandRun.of("ingest", "-d", restored.toString(), "--ndjson", second.toString());
        assertThat(more.exit()).as(more.err()).isZero();
        assertThat(more.out()).contains("1,000 accepted, 0 already in the ledger");
        assertThat(latest(restored).size()).isGreaterThan(latest(dir).size());
        assertThat(CommandRun.of("verify", "-d", restored.toString()).out()).contains("OK: the ledger verifies.");
    }

    @Test
    void aBackupTakenWhileTheNodeAppendsIsOneOfTheCheckpointsTheNodeSigned(@TempDir Path work) throws Exception {
        Path dir = ingested(work), backup = work.resolve("backup"), restored = work.resolve("restored");
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger appended = new AtomicInteger();
        List<String> lines = Files.readAllLines(second);
        DataDirOption option = new DataDirOption();
        option.dataDir = dir;
        try (var open = option.open()) {
            Thread writer = new Thread(() -> {
                // The serving node keeps appending small batches while the backup runs beside it.
                for (int k = 0; k < lines.size() && !stop.get(); k += 50) {
                    open.node().ingestion().ndjson(String.join("\n", lines.subList(k, Math.min(lines.size(), k + 50))), "api");
                    appended.addAndGet(50);
                }
            });
            writer.start();
            while (appended.get() < 100) Thread.sleep(5);
            CommandRun b = CommandRun.of("backup", "-d", dir.toString(), "--to", backup.toString(), "--keys-in-clear");
            stop.set(true);
            writer.join();
            assertThat(b.exit()).as(b.err()).isZero();
        }
        CommandRun r = CommandRun.of("restore", "--from", backup.toString(), "-d", restored.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(CommandRun.of("verify", "-d", restored.toString()).out()).contains("OK: the ledger verifies.");
        List<StoredCheckpoint> signed = new ArrayList<>();
        try (SqliteStore store = new SqliteStore(dir)) {
            signed.addAll(store.ledger().checkpoints());
        }
        assertThat(signed).contains(latest(restored));
    }

    @Test
    void withoutBeingAskedTheBackupHoldsNoSecretInClear(@TempDir Path work) throws IOException {
        Path dir = ingested(work);
        String master = Files.readAllLines(dir.resolve("node.secrets")).stream().filter(l -> l.startsWith("master ")).findFirst().orElseThrow().substring(7);
        String identifiers = Files.readAllLines(dir.resolve("node.secrets")).stream().filter(l -> l.startsWith("identifiers ")).findFirst().orElseThrow().substring(12);
        for (String[] mode : new String[][]{{}, {"--passphrase-file", passphrase.toString()}}) {
            Path backup = work.resolve("backup" + mode.length);
            List<String> args = new ArrayList<>(List.of("backup", "-d", dir.toString(), "--to", backup.toString()));
            args.addAll(List.of(mode));
            assertThat(CommandRun.of(args.toArray(String[]::new)).exit()).isZero();
            assertThat(backup.resolve("node.secrets")).doesNotExist();
            assertThat(backup.resolve("node.key")).doesNotExist();
            try (Stream<Path> files = Files.walk(backup)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    String content = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                    assertThat(content).as(f.toString()).doesNotContain(master, identifiers,
                            new String(Base64.getDecoder().decode(master), StandardCharsets.ISO_8859_1));
                }
            }
        }
    }

    @Test
    void aBackupWithoutKeysRestoresOnlyWhenTheKeysAreGiven(@TempDir Path work) {
        Path dir = ingested(work), backup = work.resolve("backup");
        assertThat(CommandRun.of("backup", "-d", dir.toString(), "--to", backup.toString()).out()).contains("NOT in the backup");
        CommandRun refused = CommandRun.of("restore", "--from", backup.toString(), "-d", work.resolve("a").toString());
        assertThat(refused.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(refused.err()).startsWith("touchline: the backup holds no keys: give --keys DIR");
        CommandRun r = CommandRun.of("restore", "--from", backup.toString(), "-d", work.resolve("b").toString(), "--keys", dir.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(latest(work.resolve("b"))).isEqualTo(latest(dir));
    }

    @Test
    void aWrongPassphraseIsRefusedAndLeavesNoStoreBehind(@TempDir Path work) throws IOException {
        Path dir = ingested(work), backup = work.resolve("backup"), restored = work.resolve("restored");
        CommandRun.of("backup", "-d", dir.toString(), "--to", backup.toString(), "--passphrase-file", passphrase.toString());
        Path wrong = Files.writeString(work.resolve("wrong"), "incorrect horse\n");
        CommandRun r = CommandRun.of("restore", "--from", backup.toString(), "-d", restored.toString(), "--passphrase-file", wrong.toString());
        assertThat(r.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("does not open with this passphrase").doesNotContain("\tat ");
        assertThat(restored.resolve(SqliteStore.FILE)).doesNotExist();
    }

    @Test
    void restoreWillNotOverwriteAStore(@TempDir Path work) {
        Path dir = ingested(work), backup = work.resolve("backup");
        CommandRun.of("backup", "-d", dir.toString(), "--to", backup.toString(), "--keys-in-clear");
        CommandRun r = CommandRun.of("restore", "--from", backup.toString(), "-d", dir.toString());
        assertThat(r.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("already holds a store: restore into a new directory");
    }
}
