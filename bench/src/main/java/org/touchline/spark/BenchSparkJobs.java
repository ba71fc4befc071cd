package org.touchline.spark;

import picocli.CommandLine;

/** {@code touchline spark bench} ({@link BatchBenchmark}), added to the Spark jobs where this module is on their class path. */
public final class BenchSparkJobs implements SparkJobs.Extension {
    @Override
    public void extend(CommandLine sparkJobs) {
        sparkJobs.addSubcommand(new BatchBenchmark());
    }
}
