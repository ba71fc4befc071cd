package org.touchline.cli;

import org.touchline.cluster.ClusterBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code touchline cluster bench}: {@link ClusterBench} from the command line (the tools jar: it starts a broker). */
@Command(name = "bench", description = "Three cluster nodes and a broker in this JVM against one node alone: throughput, latency, catch-up.")
final class ClusterBenchCommand implements Callable<Integer> {
    @Option(names = "--work", description = "scratch directory (default: a new temporary one)") Path work;
    @Option(names = "--batches", defaultValue = "60", description = "batches sent in the throughput run (default: ${DEFAULT-VALUE})") int batches;
    @Option(names = "--batch-records", defaultValue = "1000", description = "records per batch (default: ${DEFAULT-VALUE})") int batchRecords;
    @Option(names = "--latency-samples", defaultValue = "60", description = "batches timed one by one for latency (default: ${DEFAULT-VALUE})") int latencySamples;
    @Option(names = "--latency-records", defaultValue = "100", description = "records per latency batch (default: ${DEFAULT-VALUE})") int latencyRecords;
    @Option(names = "--catch-up", defaultValue = "100000", description = "records appended while one node is down") int catchUp;

    @Override
    public Integer call() throws Exception {
        Path dir = work != null ? work : Files.createTempDirectory("touchline-cluster-bench");
        ClusterBench.run(new ClusterBench.Options(dir, batches, batchRecords, latencySamples, latencyRecords, catchUp), System.out);
        return 0;
    }
}
