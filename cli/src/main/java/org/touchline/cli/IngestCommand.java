package org.touchline.cli;

import org.touchline.node.Ingestion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "ingest", description = {
        "Ingest source files (CSV, JSON Lines, XML) through a source mapping, or Interaction v1 NDJSON with --ndjson.",
        "Refused records go to the dead-letter queue with their reasons; re-ingesting a file adds no duplicates."})
final class IngestCommand implements Callable<Integer> {
    @Mixin DataDirOption data;
    @Option(names = {"-s", "--source"}, paramLabel = "MAPPING", description = "the source mapping (YAML) the files follow") Path mapping;
    @Option(names = "--ndjson", description = "the files are Interaction v1 NDJSON (no mapping needed)") boolean ndjson;
    @Parameters(arity = "1..*", paramLabel = "FILE") List<Path> files;

    @Override
    public Integer call() throws Exception {
        if ((mapping == null) == !ndjson) throw new IllegalArgumentException("give either --source <mapping.yaml> or --ndjson");
        long rejected = 0;
        try (var open = data.openToAppend("send the records as channel-signed batches (touchline channel sign) to POST /v1/batches on a running node")) {
            ConsoleProgress progress = new ConsoleProgress(System.out);
            for (Path f : files) {
                long started = System.nanoTime();
                Ingestion.Report r = ndjson ? open.node().ingestion().ndjsonFile(f, progress)
                        : open.node().ingestion().file(mapping, f, progress);
                double s = (System.nanoTime() - started) / 1e9;
                System.out.printf(Locale.ROOT, "%s: %,d accepted, %,d already in the ledger, %,d refused (see `touchline dead-letters list`) in %.1f s (%,.0f records/s)%n",
                        f, r.accepted(), r.duplicates(), r.rejected(), s, r.total() / Math.max(s, 1e-9));
                rejected += r.rejected();
            }
        }
        return rejected == 0 ? 0 : 2;
    }
}
