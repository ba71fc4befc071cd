package org.touchline.cli;

import org.touchline.identity.match.OnlineMatchBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** {@code touchline identity bench-online}: {@link OnlineMatchBenchmark} from the command line. */
@Command(name = "bench-online", description = {
        "Online matching latency: fill the matcher with N synthetic people, then time lookups of typo'd variants and",
        "of new people (p50/p90/p99), with the index's heap and baselines measured in the same run."})
final class IdentityBenchOnlineCommand implements Callable<Integer> {
    @Option(names = "--people", defaultValue = "1000000", description = "synthetic people in the index (default: ${DEFAULT-VALUE})") int people;
    @Option(names = "--lookups", defaultValue = "20000", description = "lookups timed (default: ${DEFAULT-VALUE})") int lookups;
    @Option(names = "--seed", defaultValue = "1969", description = "generator seed (default: ${DEFAULT-VALUE})") long seed;

    @Override
    public Integer call() {
        var s = new OnlineMatchBenchmark.Settings(people, lookups, seed);
        OnlineMatchBenchmark.print(OnlineMatchBenchmark.run(s, System.err), System.out);
        return 0;
    }
}
