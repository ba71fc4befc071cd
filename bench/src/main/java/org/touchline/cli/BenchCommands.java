package org.touchline.cli;

import picocli.CommandLine;

/**
 * The benchmarks' commands, added to {@code touchline} where this module is on the class path (the tools jar):
 * {@code bench} (with {@code store}, {@code scale}, {@code proofs}, {@code events}, {@code destinations} and {@code audiences}) and the bench subcommands of {@code identity}, {@code journeys},
 * {@code intelligence} and {@code cluster}.
 */
public final class BenchCommands implements Touchline.Extension {
    @Override
    public void extend(CommandLine touchline) {
        touchline.addSubcommand(new BenchCommand());
        group(touchline, "bench").addSubcommand(new ProofBenchCommand());
        group(touchline, "bench").addSubcommand(new EventsBenchCommand());
        group(touchline, "bench").addSubcommand(new DestinationsBenchCommand());
        group(touchline, "bench").addSubcommand(new AudiencesBenchCommand());
        group(touchline, "identity").addSubcommand(new IdentityBenchOnlineCommand());
        group(touchline, "journeys").addSubcommand(new JourneysBenchCommand());
        group(touchline, "intelligence").addSubcommand(new IntelligenceBenchCommand());
        group(touchline, "cluster").addSubcommand(new ClusterBenchCommand());
    }

    private static CommandLine group(CommandLine touchline, String name) {
        CommandLine group = touchline.getSubcommands().get(name);
        if (group == null) throw new IllegalStateException("touchline has no " + name + " command to add a benchmark to");
        return group;
    }
}
