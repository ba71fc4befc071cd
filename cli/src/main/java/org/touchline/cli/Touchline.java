package org.touchline.cli;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

import java.io.FileNotFoundException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

/** The {@code touchline} command. Each subcommand is one job a person runs; see {@code touchline help}. */
@Command(name = "touchline", mixinStandardHelpOptions = true, version = "touchline 0.1.0",
        description = "One verifiable ledger of every customer interaction, in every channel.",
        subcommands = {DemoCommand.class, ServeCommand.class, IngestCommand.class, VerifyCommand.class, RebuildCommand.class,
                KeysCommand.class, CheckpointCommand.class, DeadLettersCommand.class, DestinationsCommand.class, AudiencesCommand.class, CustomerCommand.class,
                IdentityCommand.class, ContractsCommand.class, ConsentCommand.class, EraseCommand.class, ExportCommand.class, RequestsCommand.class,
                VerifyBundleCommand.class, TokensCommand.class, JourneysCommand.class, IntelligenceCommand.class, LoadCommand.class, AccessCommand.class, ChannelCommand.class, ClusterCommand.class,
                BackupCommand.class, RestoreCommand.class, SparkCommand.class, Touchline.CompletionCommand.class,
                Touchline.Help.class})
public final class Touchline implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() { spec.commandLine().usage(System.out); }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        LibraryLogging.route();
        CommandLine cl = new CommandLine(new Touchline());
        for (Extension e : ServiceLoader.load(Extension.class)) e.extend(cl);
        finish(cl, Examples.load(), new IdentityHashMap<>());
        CommandLine serve = cl.getSubcommands().get("serve");
        serve.setDefaultValueProvider(ServeCommand.settings(serve.getCommand(), System.getenv()));
        // People get the reason and what to do, not a stack trace (set TOUCHLINE_DEBUG=1 for one); the exit code says
        // which kind of failure it was (ExitCode, docs/commands.md).
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("touchline: " + message(e));
            if (System.getenv("TOUCHLINE_DEBUG") != null) e.printStackTrace(cmd.getErr());
            return ExitCode.of(e);
        });
        return cl;
    }

    /**
     * Commands kept out of touchline.jar that join the tree when their jar is on the class path (a
     * {@link ServiceLoader} service): the benchmarks of module {@code bench}, which the tools jar carries
     * (docs/architecture.md, "Runtime jar and tools jar").
     */
    public interface Extension {
        /** Adds this jar's commands to the {@code touchline} command line, before help and examples are set on the tree. */
        void extend(CommandLine touchline);
    }

    /** What went wrong, in words: a file's problem names the file and what is wrong with it. */
    static String message(Throwable e) {
        if (e instanceof NoSuchFileException f) return "cannot read " + f.getFile() + ": no such file";
        if (e instanceof AccessDeniedException f) return "cannot read " + f.getFile() + ": permission denied";
        if (e instanceof FileNotFoundException f) return "cannot read " + f.getMessage();
        if (e instanceof UncheckedIOException u && u.getCause() instanceof NoSuchFileException f) return message(f);
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /**
     * What every command has, set once here rather than in each class: {@code -h/--help} (and {@code -V/--version}),
     * a first description line that is a whole sentence (the command lists show only that line), its examples as the
     * footer, and {@code help SUBCOMMAND} wherever there are subcommands.
     */
    private static void finish(CommandLine cl, Examples examples, Map<CommandSpec, Boolean> seen) {
        CommandSpec spec = cl.getCommandSpec();
        if (seen.put(spec, true) != null || spec.userObject() instanceof Help) return;
        if (spec.parent() != null) spec.mixinStandardHelpOptions(true);
        spec.usageMessage().description(sentences(spec.usageMessage().description()));
        List<String> lines = examples.of(spec.qualifiedName());
        if (!lines.isEmpty()) {
            List<String> footer = new ArrayList<>(List.of("%nExamples:"));
            for (String l : lines) footer.add("  " + l.replace("%", "%%"));
            spec.usageMessage().footer(footer.toArray(String[]::new));
        }
        if (!cl.getSubcommands().isEmpty() && !cl.getSubcommands().containsKey("help")) cl.addSubcommand("help", new Help());
        // The Spark jobs' own options follow the job's name: everything from there on is theirs (--help included).
        if (spec.userObject() instanceof SparkCommand) spec.parser().stopAtUnmatched(true);
        for (CommandLine sub : Set.copyOf(cl.getSubcommands().values())) finish(sub, examples, seen);
    }

    /**
     * The description as its first sentence, then the rest: descriptions written as lines of one paragraph would
     * otherwise show cut off mid-sentence in the command lists, which print only the first line.
     */
    static String[] sentences(String[] description) {
        if (description.length == 0) return description;
        String all = String.join(" ", description).replaceAll("\\s+", " ").strip();
        int end = firstSentenceEnd(all);
        if (end < 0 || end + 1 >= all.length()) return new String[]{all};
        return new String[]{all.substring(0, end + 1), all.substring(end + 1).strip()};
    }

    private static int firstSentenceEnd(String s) {
        int depth = 0;
        boolean quoted = false;
        for (int k = 0; k < s.length() - 1; k++) {
            char c = s.charAt(k);
            if (c == '`') quoted = !quoted;
            else if (c == '(') depth++;
            else if (c == ')') depth--;
            else if (c == '.' && depth <= 0 && !quoted && s.charAt(k + 1) == ' ' && k > 0
                    && !s.startsWith("e.g", k - 3) && !s.startsWith("i.e", k - 3))
                return k;
        }
        return -1;
    }

    /** {@code touchline completion}: the bash/zsh completion script, generated from the command tree by picocli. */
    @Command(name = "completion", description = {"Print a bash and zsh completion script for touchline (picocli's AutoComplete).",
            "Source it from your shell's start-up file; docs/commands.md says how."})
    static final class CompletionCommand implements Runnable {
        @CommandLine.Spec CommandSpec spec;

        @Override
        public void run() {
            System.out.print(AutoComplete.bash("touchline", spec.root().commandLine()));
        }
    }

    /**
     * {@code touchline help [COMMAND [SUBCOMMAND...]]}: the help of any command in the tree ({@code touchline help
     * identity reviews}), as its {@code --help} shows it. Picocli's own help command reads only the first name.
     */
    @Command(name = "help", helpCommand = true, description = {"Show the help of a command: touchline help identity reviews.",
            "The same as touchline identity reviews --help."})
    static final class Help implements Runnable {
        @CommandLine.Spec CommandSpec spec;
        @CommandLine.Parameters(paramLabel = "COMMAND", arity = "0..*", description = "the command, and its subcommand") List<String> names = new ArrayList<>();

        @Override
        public void run() {
            CommandLine target = spec.parent().commandLine();
            for (String name : names) {
                CommandLine next = target.getSubcommands().get(name);
                if (next == null)
                    throw new CommandLine.ParameterException(spec.commandLine(), "'" + name + "' is not a command of " + target.getCommandSpec().qualifiedName()
                            + ": " + String.join(", ", target.getSubcommands().keySet()));
                target = next;
            }
            target.usage(System.out);
        }
    }
}
