package org.touchline.cli;

import org.touchline.domain.Interaction;
import org.touchline.domain.InteractionJson;
import org.touchline.domain.InteractionValidator;
import org.touchline.domain.InvalidRecordException;
import org.touchline.node.Candidate;
import org.touchline.node.Node;
import org.touchline.node.NodeIdentity;
import org.touchline.node.Outcome;
import org.touchline.store.sqlite.SqliteStore;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The process {@link CrashRecoveryTest} kills: opens a node on a data directory exactly as {@code DataDirOption.open()}
 * does, streams an Interaction v1 NDJSON file into it through {@link Node#submit} (pipelined chunks, like
 * {@code Ingestion}), and for every chunk whose future has completed, i.e. whose records the node acknowledged as
 * durable, prints one line per record and flushes:
 *
 * <pre>ACK &lt;TAB&gt; source &lt;TAB&gt; sourceRecordId &lt;TAB&gt; index &lt;TAB&gt; .</pre>
 *
 * The trailing {@code .} marks a complete line: a line cut short by the kill has none and is ignored by the parent.
 * A line is only printed after the acknowledgement, so every complete ACK line names a record the node promised to
 * keep. Prints {@code READY} once the node is open, {@code DONE} if the whole file went through.
 *
 * <p>Usage: {@code CrashChild DATA_DIR NDJSON_FILE [CHUNK]}
 */
public final class CrashChild {
    static final String SUBMITTER = "crash-child";
    static final int IN_FLIGHT = 4;

    private CrashChild() {}

    private record Submitted(List<Interaction> records, CompletableFuture<List<Outcome>> done) {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]), file = Path.of(args[1]);
        int chunkSize = args.length > 2 ? Integer.parseInt(args[2]) : 1_000;
        BufferedWriter out = new BufferedWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8), 1 << 16);
        // Deliberately no close() and no shutdown hook: the parent kills this process with SIGKILL.
        NodeIdentity identity = NodeIdentity.openOrCreate(dir, null);
        SqliteStore store = new SqliteStore(dir);
        Node node = new Node(identity, store.ledger(), store.projections(), store.deadLetters());
        out.write("READY " + node.ledger().size() + "\n");
        out.flush();

        InteractionValidator validator = new InteractionValidator(Instant.now());
        Deque<Submitted> inFlight = new ArrayDeque<>();
        List<Interaction> chunk = new ArrayList<>(chunkSize);
        List<Candidate> candidates = new ArrayList<>(chunkSize);
        try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            long n = 0;
            for (String line; (line = lines.readLine()) != null; ) {
                n++;
                if (line.isBlank()) continue;
                String ref = file.getFileName() + " line " + n;
                Interaction i;
                try {
                    i = InteractionJson.parse(ref, line);
                } catch (InvalidRecordException e) {
                    out.write("REJECT\t" + ref + "\t" + e.getMessage() + "\n");
                    continue;
                }
                if (!validator.validate(ref, i).isEmpty()) {
                    out.write("REJECT\t" + ref + "\t" + validator.validate(ref, i) + "\n");
                    continue;
                }
                chunk.add(i);
                candidates.add(new Candidate(ref, i));
                if (chunk.size() >= chunkSize) {
                    inFlight.add(new Submitted(List.copyOf(chunk), node.submit(SUBMITTER, List.copyOf(candidates))));
                    chunk.clear();
                    candidates.clear();
                    while (inFlight.size() > IN_FLIGHT) acknowledge(inFlight.poll(), out);
                }
            }
        }
        if (!chunk.isEmpty()) inFlight.add(new Submitted(List.copyOf(chunk), node.submit(SUBMITTER, List.copyOf(candidates))));
        while (!inFlight.isEmpty()) acknowledge(inFlight.poll(), out);
        out.write("DONE " + node.ledger().size() + "\n");
        out.flush();
        node.close();
        store.close();
    }

    /** Waits for one submission's acknowledgement, then reports each of its records (never before). */
    private static void acknowledge(Submitted s, BufferedWriter out) throws IOException {
        List<Outcome> outcomes = s.done().join();
        if (outcomes.size() != s.records().size())
            throw new IllegalStateException(outcomes.size() + " outcomes for " + s.records().size() + " records");
        StringBuilder b = new StringBuilder(outcomes.size() * 48);
        for (int k = 0; k < outcomes.size(); k++) {
            Outcome o = outcomes.get(k);
            Interaction i = s.records().get(k);
            if (o.status() == Outcome.Status.REJECTED) {
                b.append("REJECT\t").append(o.recordRef()).append('\t').append(o.problems()).append('\n');
                continue;
            }
            b.append("ACK\t").append(i.source()).append('\t').append(i.sourceRecordId()).append('\t').append(o.index()).append("\t.\n");
        }
        out.write(b.toString());
        out.flush();
    }
}
