package org.touchline.cli;

import org.touchline.ingest.SourceMapping;
import org.touchline.node.command.Ingestion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "ingest", description = {
        "Ingest source files (CSV, JSON Lines, XML) through a source mapping, or Interaction v1 NDJSON with --ndjson.",
        "Refused records go to the dead-letter queue with their reasons; re-ingesting a file adds no duplicates."})
final class IngestCommand implements Callable<Integer> {
    /** The most lines POST /v1/interactions:batch takes at once. */
    private static final int BATCH = 10_000;
    @Mixin DataDirOption data;
    @Option(names = {"-s", "--source"}, paramLabel = "MAPPING", description = "the source mapping (YAML) the files follow") Path mapping;
    @Option(names = "--ndjson", description = "the files are Interaction v1 NDJSON (no mapping needed)") boolean ndjson;
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "the source files (or NDJSON files with --ndjson)") List<Path> files;

    @Override
    public Integer call() throws Exception {
        if ((mapping == null) == !ndjson) throw new IllegalArgumentException("give either --source <mapping.yaml> or --ndjson");
        long rejected = 0;
        var serving = data.serving();
        if (serving.isPresent() && ndjson) {
            for (Path f : files) rejected += sendToNode(serving.get(), f);
            return rejected == 0 ? ExitCode.OK : ExitCode.PARTIAL;
        }
        if (serving.isPresent()) {
            // The node owns the log: each file is streamed to it and read there through the mapping, as below.
            SourceMapping.load(mapping); // a broken mapping is named here, before a byte is sent
            ConsoleProgress progress = new ConsoleProgress(System.out);
            for (Path f : files) {
                if (!Files.isReadable(f)) throw new NoSuchFileException(f.toString(), null, "no such file, or it cannot be read");
                long started = System.nanoTime();
                var answer = serving.get().postSource(mapping, f, progress);
                var r = new Ingestion.Report(answer.path("accepted").asLong(), answer.path("duplicates").asLong(), answer.path("rejected").asLong());
                report(f, r, started, " through the node at " + serving.get().url());
                rejected += r.rejected();
            }
            return rejected == 0 ? ExitCode.OK : ExitCode.PARTIAL;
        }
        try (var open = data.openToAppend("send the records as channel-signed batches (touchline channel sign) to POST /v1/batches on a running node")) {
            ConsoleProgress progress = new ConsoleProgress(System.out);
            for (Path f : files) {
                long started = System.nanoTime();
                Ingestion.Report r = ndjson ? open.node().ingestion().ndjsonFile(f, progress)
                        : open.node().ingestion().file(mapping, f, progress);
                report(f, r, started, "");
                rejected += r.rejected();
            }
        }
        return rejected == 0 ? ExitCode.OK : ExitCode.PARTIAL;
    }

    /** What one file's ingest came to, however it went in. */
    private static void report(Path file, Ingestion.Report r, long started, String how) {
        double s = (System.nanoTime() - started) / 1e9;
        System.out.printf(Locale.ROOT, "%s: %,d accepted, %,d already in the ledger, %,d refused (see `touchline dead-letters list`) in %.1f s (%,.0f records/s)%s%n",
                file, r.accepted(), r.duplicates(), r.rejected(), s, r.total() / Math.max(s, 1e-9), how);
    }

    /** An NDJSON file sent to the serving node in batches of the API's largest size; returns how many it refused. */
    private static long sendToNode(RunningNode node, Path file) throws IOException {
        long accepted = 0, duplicates = 0, rejected = 0;
        long started = System.nanoTime();
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            var it = lines.iterator();
            StringBuilder batch = new StringBuilder();
            int n = 0;
            while (it.hasNext()) {
                String line = it.next();
                if (line.isBlank()) continue;
                batch.append(line).append('\n');
                if (++n == BATCH || !it.hasNext()) {
                    var answer = node.postNdjson("/v1/interactions:batch", batch.toString());
                    accepted += answer.path("accepted").asLong();
                    duplicates += answer.path("duplicates").asLong();
                    rejected += answer.path("rejected").asLong();
                    batch.setLength(0);
                    n = 0;
                }
            }
            if (n > 0) {
                var answer = node.postNdjson("/v1/interactions:batch", batch.toString());
                accepted += answer.path("accepted").asLong();
                duplicates += answer.path("duplicates").asLong();
                rejected += answer.path("rejected").asLong();
            }
        }
        System.out.printf(Locale.ROOT, "%s: %,d accepted, %,d already in the ledger, %,d refused (see `touchline dead-letters list`) in %.1f s, through the node at %s%n",
                file, accepted, duplicates, rejected, (System.nanoTime() - started) / 1e9, node.url());
        return rejected;
    }
}
