package org.touchline.cli;
import org.touchline.domain.InvalidRecordException;
import org.touchline.domain.Progress;
import org.touchline.domain.store.DeadLetter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.touchline.demo.DemoCompany;
import org.touchline.domain.EntryKind;
import org.touchline.domain.IdentityDecision;
import org.touchline.domain.Interaction;
import org.touchline.domain.InteractionEntry;
import org.touchline.domain.InteractionJson;
import org.touchline.domain.store.StoredBatch;
import org.touchline.domain.store.StoredCheckpoint;
import org.touchline.node.Node;
import org.touchline.node.NodeIdentity;
import org.touchline.node.VerifyReport;
import org.touchline.store.sqlite.SqliteStore;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Crash reliability (the issue: "a test kills a child JVM with SIGKILL in the middle of a large ingest, restarts it,
 * and shows every acknowledged record present exactly once, nothing half-written, and {@code touchline verify}
 * passing").
 *
 * <p>A child JVM ({@link CrashChild}) streams a generated Interaction v1 NDJSON file into a node and reports each
 * record the node acknowledged; once enough were acknowledged, while the ingest is still running, this test sends it
 * SIGKILL. Then it reopens the data directory and checks, table by table, that the store holds a whole number of
 * group commits and nothing else: every acknowledged record exactly once at its acknowledged index, no record twice,
 * contiguous indexes, a personal part, a timeline row and an index row for every entry, batches and the latest
 * checkpoint covering exactly the log, projections equal to a replay of the log, and {@code verify} passing, both
 * in-process and as the real {@code touchline verify} command in a fresh JVM. Finally the real
 * {@code touchline ingest --ndjson} of the same file runs again and adds exactly the records still missing.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class CrashRecoveryTest {
    /** Big enough that every kill point lands while the child is still ingesting. */
    static final int LINES = 60_000;
    static final long CHILD_WAIT_SECONDS = 90;

    @TempDir static Path shared;
    static Path file;
    /** (source, sourceRecordId) of every line of the file. */
    static Set<String> fileKeys;

    @BeforeAll
    static void writeFile() throws IOException {
        file = DemoCompany.writeBenchFile(shared.resolve("crash.ndjson"), LINES, 42);
        fileKeys = new HashSet<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            long n = 0;
            for (String line; (line = in.readLine()) != null; ) {
                Interaction i = InteractionJson.parse("line " + ++n, line);
                fileKeys.add(key(i.source(), i.sourceRecordId()));
            }
        } catch (InvalidRecordException e) {
            throw new IllegalStateException(e);
        }
        assertThat(fileKeys).hasSize(LINES);
    }

    @AfterAll
    static void forget() { fileKeys = null; }

    static String key(String source, String sourceRecordId) { return source + "\u0000" + sourceRecordId; }

    /**
     * Each value is a comma-separated list of kill points: the child is started, killed once it has acknowledged that
     * many records (counted over this child's acknowledgements, duplicates of earlier runs included), and started again
     * for the next point. {@code 10000,32000} crashes twice in a row, the second time during recovery's own ingest.
     */
    @ParameterizedTest(name = "SIGKILL after {0} acknowledged records")
    @ValueSource(strings = {"4000", "10000,32000"})
    void sigkillDuringIngestLosesNoAcknowledgedRecordAndHalfWritesNothing(String killPoints, @TempDir Path work) throws Exception {
        long started = System.nanoTime();
        Path dir = work.resolve("node");
        Map<String, Long> acked = new HashMap<>();
        long size = 0;
        for (String point : killPoints.split(",")) {
            int killAfter = Integer.parseInt(point.strip());
            ChildRun run = runChildAndKill(dir, killAfter, work.resolve("child-" + killAfter + ".err"));
            for (Map.Entry<String, Long> a : run.acks.entrySet()) {
                Long before = acked.putIfAbsent(a.getKey(), a.getValue());
                if (before != null && !before.equals(a.getValue()))
                    fail("record %s acknowledged at index %d, later at index %d", a.getKey().replace('\u0000', '/'), before, a.getValue());
            }
            size = checkStore(dir, acked, true);
            assertThat(size).as("interactions after the kill").isGreaterThanOrEqualTo(acked.size()).isLessThan(LINES);
            System.out.printf("kill after %,d acks: %,d acknowledged in all, %,d entries on disk after restart (%.1f s)%n",
                    killAfter, acked.size(), size, (System.nanoTime() - started) / 1e9);
        }

        // The real command, in a fresh JVM, on the data directory the killed process left behind.
        Cli verify = cli(work, "verify", "-d", dir.toString());
        assertThat(verify.exit).as("touchline verify:%n%s", verify.output).isZero();
        assertThat(verify.output).contains("OK: the ledger verifies.");

        // Restart the ingest with the real command: only what is missing goes in, nothing twice.
        Cli ingest = cli(work, "ingest", "--ndjson", file.toString(), "-d", dir.toString());
        assertThat(ingest.exit).as("touchline ingest:%n%s", ingest.output).isZero();
        assertThat(ingest.output).contains(String.format(Locale.ROOT, "%,d accepted, %,d already in the ledger, 0 refused",
                LINES - size, size));
        assertThat(checkStore(dir, acked, false)).as("entries after the restarted ingest").isEqualTo(LINES);
        System.out.printf("kills at %s: recovered and completed in %.1f s%n", killPoints, (System.nanoTime() - started) / 1e9);
    }

    /** The real {@code touchline ingest --ndjson} killed mid-file (no acknowledgements to hold it to), then run again. */
    @Test
    void sigkilledCliIngestResumesToExactlyTheFile(@TempDir Path work) throws Exception {
        long started = System.nanoTime();
        Path dir = work.resolve("node");
        Process p = start(work.resolve("cli-ingest.err"), Touchline.class, "ingest", "--ndjson", file.toString(), "-d", dir.toString());
        try {
            // Without a terminal the command prints a progress line each time another tenth of the file was read: kill
            // at the first one past 30%.
            Pattern progress = Pattern.compile("ingest crash\\.ndjson\\s+(\\d+)%.*");
            Lines out = Lines.follow(p, line -> {
                var m = progress.matcher(line);
                return m.matches() && Integer.parseInt(m.group(1)) >= 30;
            });
            if (!out.matched.await(CHILD_WAIT_SECONDS, TimeUnit.SECONDS) || out.ended)
                fail("touchline ingest did not stop at 30%%:%n%s%n%s", out.text(), Files.readString(work.resolve("cli-ingest.err")));
            assertThat(p.isAlive()).as("still ingesting when killed:%n%s", out.text()).isTrue();
            sigkill(p);
            out.drain();
            assertThat(out.text()).doesNotContain("accepted");
        } finally {
            p.destroyForcibly();
        }
        long size = checkStore(dir, Map.of(), true);
        assertThat(size).isLessThan(LINES);
        Cli ingest = cli(work, "ingest", "--ndjson", file.toString(), "-d", dir.toString());
        assertThat(ingest.exit).as("touchline ingest:%n%s", ingest.output).isZero();
        assertThat(ingest.output).contains(String.format(Locale.ROOT, "%,d accepted, %,d already in the ledger, 0 refused",
                LINES - size, size));
        assertThat(checkStore(dir, Map.of(), false)).isEqualTo(LINES);
        System.out.printf("touchline ingest killed with %,d entries on disk; resumed and completed in %.1f s%n", size, (System.nanoTime() - started) / 1e9);
    }

    // ---- the child that gets killed -------------------------------------------------------------------------------

    record ChildRun(Map<String, Long> acks, String output) {}

    private ChildRun runChildAndKill(Path dir, int killAfter, Path err) throws Exception {
        Process p = start(err, CrashChild.class, dir.toString(), file.toString());
        Map<String, Long> acks = new ConcurrentHashMap<>();
        AtomicLong count = new AtomicLong();
        AtomicBoolean done = new AtomicBoolean();
        try {
            Lines out = Lines.follow(p, line -> {
                if (line.startsWith("ACK\t") && line.endsWith("\t.")) {
                    String[] f = line.split("\t");
                    Long was = acks.put(key(f[1], f[2]), Long.parseLong(f[3]));
                    if (was != null && was != Long.parseLong(f[3])) throw new IllegalStateException("acknowledged twice at different indexes: " + line);
                    return count.incrementAndGet() >= killAfter;
                }
                if (line.startsWith("DONE")) done.set(true);
                return line.startsWith("DONE") || line.startsWith("REJECT");
            });
            if (!out.matched.await(CHILD_WAIT_SECONDS, TimeUnit.SECONDS) || out.ended)
                fail("the child acknowledged only %,d records in %d s; stderr:%n%s", count.get(), CHILD_WAIT_SECONDS, Files.readString(err));
            assertThat(done.get()).as("the child finished the file before the kill: make the file bigger").isFalse();
            assertThat(out.text()).doesNotContain("REJECT");
            assertThat(p.isAlive()).as("child alive at the kill; stderr:%n%s", Files.readString(err)).isTrue();
            sigkill(p);
            // Lines the child had already written (and so acknowledged) before it died still count.
            out.drain();
            return new ChildRun(Map.copyOf(acks), out.text());
        } finally {
            p.destroyForcibly();
        }
    }

    /** SIGKILL, explicitly (no shutdown hooks, no close(), no finally blocks run in the child), and wait for death. */
    private static void sigkill(Process p) throws Exception {
        Process kill = new ProcessBuilder("kill", "-KILL", Long.toString(p.pid())).redirectErrorStream(true).start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) p.destroyForcibly(); // also SIGKILL on Linux
        if (!p.waitFor(30, TimeUnit.SECONDS)) fail("the child did not die after SIGKILL");
        assertThat(p.exitValue()).as("exit status of a process killed by signal 9").isEqualTo(128 + 9);
    }

    private static Process start(Path stderr, Class<?> main, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), main.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(stderr.toFile());
        pb.environment().remove("TOUCHLINE_DATA");
        return pb.start();
    }

    record Cli(int exit, String output) {}

    /** Runs the real {@code touchline} main class in a fresh JVM, bounded in time. */
    private static Cli cli(Path work, String... args) throws Exception {
        Path err = Files.createTempFile(work, "cli", ".err");
        Process p = start(err, Touchline.class, args);
        try {
            Lines out = Lines.follow(p, line -> false);
            if (!p.waitFor(CHILD_WAIT_SECONDS, TimeUnit.SECONDS)) fail("touchline %s did not finish in %d s", String.join(" ", args), CHILD_WAIT_SECONDS);
            out.drain();
            return new Cli(p.exitValue(), out.text() + Files.readString(err));
        } finally {
            p.destroyForcibly();
        }
    }

    /** A child's stdout, read on its own thread so the child never blocks on a full pipe. */
    static final class Lines {
        final CountDownLatch matched = new CountDownLatch(1);
        final StringBuilder text = new StringBuilder();
        final Thread reader;
        /** The child closed its output (exited) before {@code until} matched. */
        volatile boolean ended;

        private Lines(Process p, Predicate<String> until) {
            reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        if (!line.startsWith("ACK\t")) synchronized (text) { text.append(line).append('\n'); }
                        if (until.test(line)) matched.countDown();
                    }
                } catch (IOException | RuntimeException e) {
                    synchronized (text) { text.append("reader: ").append(e).append('\n'); }
                }
                if (matched.getCount() > 0) {
                    ended = true;
                    matched.countDown();
                }
            }, "child-stdout");
            reader.setDaemon(true);
            reader.start();
        }

        static Lines follow(Process p, Predicate<String> until) { return new Lines(p, until); }

        /** After the child died: read to end of stream. */
        void drain() throws InterruptedException {
            reader.join(TimeUnit.SECONDS.toMillis(30));
            if (reader.isAlive()) fail("the child's output did not end");
        }

        String text() {
            synchronized (text) { return text.toString(); }
        }
    }

    // ---- what must hold on disk after any crash ------------------------------------------------------------------

    /**
     * Opens the data directory as a restarted node would, checks it and returns the number of interactions it holds
     * (the ledger also holds the identity decisions taken on the way). With
     * {@code deep}, also replays the log into fresh projections and compares them with what the live path wrote.
     */
    static long checkStore(Path dir, Map<String, Long> acked, boolean deep) throws IOException {
        try (SqliteStore store = new SqliteStore(dir)) {
            Node node = new Node(NodeIdentity.openOrCreate(dir, null), store.ledger(), store.projections(), store.deadLetters());
            try {
                return checkStore(store, node, acked, deep);
            } finally {
                node.close();
            }
        }
    }

    private static long checkStore(SqliteStore store, Node node, Map<String, Long> acked, boolean deep) {
        var ledger = node.ledger();
        long size = ledger.size();

        // Every leaf: contiguous indexes from 0, a well-formed interaction (or identity decision), from the file, never twice.
        Map<String, Long> stored = new HashMap<>();
        Map<String, List<String>> idsBySource = new HashMap<>();
        long[] next = {0};
        long[] onTimelines = {0}, lastInteraction = {-1}; // identity decisions shown on timelines (all but blocked values)
        ledger.scanLeaves(0, Long.MAX_VALUE, (index, leaf) -> {
            if (index != next[0]++) fail("entry index %d where %d was expected", index, next[0] - 1);
            if (EntryKind.of(leaf) == EntryKind.IDENTITY) {
                // An identity decision about the interaction just before it (a merge, a refusal): well-formed, in place.
                var d = IdentityDecision.parse(leaf);
                if (d.about() < 0 || d.about() >= index) fail("identity entry %d is about entry %d", index, d.about());
                if (!d.kind().equals(IdentityDecision.BLOCKED)) onTimelines[0]++;
                return;
            }
            lastInteraction[0] = index;
            InteractionEntry e = InteractionEntry.parse(leaf);
            String k = key(e.source(), e.sourceRecordId());
            if (!fileKeys.contains(k)) fail("entry %d (%s/%s) is not a record of the file", index, e.source(), e.sourceRecordId());
            Long twice = stored.put(k, index);
            if (twice != null) fail("%s/%s is in the log twice, at %d and %d", e.source(), e.sourceRecordId(), twice, index);
            idsBySource.computeIfAbsent(e.source(), x -> new ArrayList<>()).add(e.sourceRecordId());
        });
        assertThat(next[0]).as("entries scanned = ledger size").isEqualTo(size);

        // Every acknowledged record: present, once, at the index it was acknowledged with.
        int looked = 0;
        for (Map.Entry<String, Long> a : acked.entrySet()) {
            Long at = stored.get(a.getKey());
            String[] sk = a.getKey().split("\u0000");
            if (at == null) fail("acknowledged record %s/%s (index %d) is missing after the crash", sk[0], sk[1], a.getValue());
            if (!at.equals(a.getValue())) fail("acknowledged record %s/%s is at %d, not at %d as acknowledged", sk[0], sk[1], at, a.getValue());
            if (looked++ % 97 == 0) assertThat(ledger.indexOf(sk[0], sk[1])).hasValue(a.getValue());
        }

        // The idempotency index agrees with the log, row for row.
        assertThat(count(store, "SELECT COUNT(*) FROM records")).isEqualTo(size);
        idsBySource.forEach((source, ids) -> {
            Map<String, Long> found = ledger.indexesOf(source, ids);
            assertThat(found).hasSize(ids.size());
            found.forEach((id, index) -> {
                if (!index.equals(stored.get(key(source, id)))) fail("records says %s/%s is at %d, the log has it at %d", source, id, index, stored.get(key(source, id)));
            });
        });

        // Nothing half-written beside the log: one personal part (with its data key) and one subject timeline row per
        // interaction, the tree's stored hashes for exactly this size, batches and checkpoints ending at the log's end.
        long interactions = stored.size();
        assertThat(count(store, "SELECT COUNT(*) FROM vault")).isEqualTo(interactions);
        assertThat(count(store, "SELECT COUNT(*) FROM vault WHERE idx < 0 OR idx >= " + size)).isZero();
        assertThat(count(store, "SELECT COUNT(*) FROM vault v LEFT JOIN data_keys k ON k.key_id = v.key_id WHERE k.key_id IS NULL")).isZero();
        if (size > 0) {
            assertThat(ledger.sealedPart(0)).isPresent();
            assertThat(ledger.sealedPart(lastInteraction[0])).isPresent();
        }
        assertThat(ledger.sealedPart(size)).isEmpty();
        assertThat(count(store, "SELECT COUNT(*) FROM timeline WHERE role = 'subject'")).isEqualTo(interactions);
        assertThat(count(store, "SELECT COUNT(DISTINCT idx) FROM timeline")).isEqualTo(interactions + onTimelines[0]);
        assertThat(count(store, "SELECT COUNT(*) FROM timeline WHERE idx < 0 OR idx >= " + size)).isZero();
        assertThat(count(store, "SELECT COUNT(*) FROM identifiers WHERE at_index >= " + size)).isZero();
        assertThat(count(store, "SELECT COALESCE(SUM(length(hashes)), 0) / 32 FROM tiles")).as("hashes stored in tiles").isEqualTo(tiledHashes(size));

        List<StoredBatch> batches = ledger.batches();
        long covered = 0;
        for (StoredBatch b : batches) {
            assertThat(b.first()).as("batch start").isEqualTo(covered);
            covered += b.count();
        }
        assertThat(covered).as("entries covered by signed batches").isEqualTo(size);
        if (size > 0) {
            assertThat(ledger.latestCheckpoint()).map(StoredCheckpoint::size).hasValue(size);
            assertThat(ledger.checkpoints()).extracting(StoredCheckpoint::size).hasSize(batches.size())
                    .allMatch(s -> s > 0 && s <= size);
        }
        assertThat(node.deadLetters().list(DeadLetter.OPEN, 0, 10)).isEmpty();

        VerifyReport r = node.verify(Progress.NONE);
        assertThat(r.problems()).as("verify problems").isEmpty();
        assertThat(r.ok()).isTrue();
        assertThat(r.entries()).isEqualTo(size);
        assertThat(r.partsChecked()).isEqualTo(interactions);

        if (deep) {
            // Projections are part of the same commit: what the killed process left must be what a replay gives.
            String live = node.projections().digest();
            node.rebuild(Progress.NONE);
            assertThat(node.projections().digest()).as("projections after the crash = projections rebuilt from the log").isEqualTo(live);
        }
        return stored.size();
    }

    /** Hashes the store keeps for a tree of {@code size} leaves: every complete subtree, leaves included. */
    /** The tree hashes kept in tiles for a tree of {@code size}: the complete subtrees at levels 0, 8, 16... */
    static long tiledHashes(long size) {
        long n = 0;
        for (long s = size; s > 0; s >>= 8) n += s;
        return n;
    }

    private static long count(SqliteStore store, String sql) {
        return store.database().read(s -> {
            try (ResultSet rs = s.prepare(sql).executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
