package org.touchline.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code touchline} command. Each subcommand is one job a person runs; see {@code touchline help}. */
@Command(name = "touchline", mixinStandardHelpOptions = true, version = "touchline 0.1.0",
        description = "One verifiable ledger of every customer interaction, in every channel.",
        subcommands = {DemoCommand.class, ServeCommand.class, IngestCommand.class, VerifyCommand.class, RebuildCommand.class,
                KeysCommand.class, CheckpointCommand.class, DeadLettersCommand.class, CustomerCommand.class, BenchCommand.class,
                IdentityCommand.class, ContractsCommand.class, ConsentCommand.class, EraseCommand.class, ExportCommand.class,
                VerifyBundleCommand.class, TokensCommand.class, JourneysCommand.class, IntelligenceCommand.class, LoadCommand.class, AccessCommand.class, ChannelCommand.class, ClusterCommand.class,
                BackupCommand.class, RestoreCommand.class, SparkCommand.class,
                CommandLine.HelpCommand.class})
public final class Touchline implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() { spec.commandLine().usage(System.out); }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Touchline());
        // People get the reason, not a stack trace (set TOUCHLINE_DEBUG=1 for one).
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("touchline: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            if (System.getenv("TOUCHLINE_DEBUG") != null) e.printStackTrace(cmd.getErr());
            return 1;
        });
        return cl;
    }
}
