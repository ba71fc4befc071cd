package org.touchline.cli;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every command and subcommand answers --help, -h and help COMMAND, with a whole description and an example. */
class CommandHelpTest {
    /** Every command by its full name ("touchline identity reviews"), the help commands left out. */
    static Map<String, CommandLine> tree() {
        Map<String, CommandLine> all = new LinkedHashMap<>();
        walk(Touchline.commandLine(), all);
        return all;
    }

    private static void walk(CommandLine cl, Map<String, CommandLine> all) {
        if (cl.getCommandSpec().userObject() instanceof Touchline.Help) return;
        all.put(cl.getCommandSpec().qualifiedName(), cl);
        for (CommandLine sub : cl.getSubcommands().values()) if (!all.containsKey(sub.getCommandSpec().qualifiedName())) walk(sub, all);
    }

    /**
     * The commands this class checks one by one: all of them here; a subclass over a larger tree (module bench's)
     * checks only what its module adds, the rest being checked here already.
     */
    boolean checks(String qualifiedName) {
        return true;
    }

    private Stream<String> checked() {
        return tree().keySet().stream().filter(this::checks);
    }

    private static String[] args(String qualifiedName, String... more) {
        List<String> a = new ArrayList<>(List.of(qualifiedName.split(" ")));
        a.remove(0);
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    @TestFactory
    Stream<DynamicTest> every_command_answers_help_and_h_with_a_description_and_an_example() {
        Map<String, CommandLine> tree = tree();
        return checked().flatMap(name -> Stream.of("--help", "-h").map(flag -> DynamicTest.dynamicTest(name + " " + flag, () -> {
            CommandRun run = CommandRun.of(args(name, flag));
            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(run.out()).contains("Usage: " + name).contains("Examples:");
            String description = tree.get(name).getCommandSpec().usageMessage().description()[0];
            assertThat(description).as(name + "'s first description line is a whole sentence").matches("(?s).*[.?!)]$");
        })));
    }

    @TestFactory
    Stream<DynamicTest> help_with_the_full_name_shows_every_command_the_same() {
        return checked().filter(n -> n.contains(" ")).map(name -> DynamicTest.dynamicTest("help " + name, () -> {
            List<String> a = new ArrayList<>(List.of("help"));
            a.addAll(List.of(args(name)));
            CommandRun run = CommandRun.of(a.toArray(String[]::new));
            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(run.out()).contains("Usage: " + name).contains("Examples:");
        }));
    }

    @Test
    void help_of_a_command_that_does_not_exist_is_a_usage_error_naming_the_commands() {
        CommandRun run = CommandRun.of("help", "identity", "nonsense");
        assertThat(run.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("'nonsense' is not a command of touchline identity").contains("reviews");
    }

    @TestFactory
    Stream<DynamicTest> help_names_every_command_the_same() {
        return checked().filter(n -> n.contains(" ") && !n.startsWith("touchline spark")).map(name -> DynamicTest.dynamicTest("help " + name, () -> {
            String[] parts = name.split(" ");
            List<String> a = new ArrayList<>(List.of(parts).subList(1, parts.length - 1));
            a.add("help");
            a.add(parts[parts.length - 1]);
            CommandRun run = CommandRun.of(a.toArray(String[]::new));
            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(run.out()).contains("Usage: " + name).contains("Examples:");
        }));
    }

    /** Each example, up to a pipe or redirection, parses as the command line it shows (required options given). */
    @TestFactory
    Stream<DynamicTest> every_example_is_a_command_line_its_command_accepts() {
        Examples examples = Examples.load();
        return checked().flatMap(name -> examples.of(name).stream().map(example -> DynamicTest.dynamicTest(example, () -> {
            String line = example.strip();
            if (line.startsWith("source <(")) line = line.substring("source <(".length(), line.lastIndexOf(')'));
            line = line.split("\\s[|>&]")[0].strip();
            List<String> words = new ArrayList<>();
            Matcher m = Pattern.compile("\"([^\"]*)\"|'([^']*)'|(\\S+)").matcher(line);
            while (m.find()) words.add(m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3));
            assertThat(words.get(0)).isEqualTo("touchline");
            CommandLine cl = Touchline.commandLine();
            cl.parseArgs(words.subList(1, words.size()).toArray(String[]::new));
        })));
    }

    @Test
    void every_option_and_parameter_says_what_it_is() {
        List<String> bare = new ArrayList<>();
        for (var e : tree().entrySet()) {
            var spec = e.getValue().getCommandSpec();
            for (var o : spec.options()) if (String.join("", o.description()).isBlank()) bare.add(e.getKey() + " " + o.longestName());
            for (var p : spec.positionalParameters()) if (String.join("", p.description()).isBlank() && !p.hidden()) bare.add(e.getKey() + " " + p.paramLabel());
        }
        assertThat(bare).isEmpty();
    }

    @Test
    void the_command_list_shows_whole_sentences() {
        CommandRun run = CommandRun.of("--help");
        assertThat(run.exit()).isZero();
        for (var e : tree().entrySet()) {
            String first = e.getValue().getCommandSpec().usageMessage().description()[0];
            assertThat(first).as(e.getKey()).doesNotEndWith(",").doesNotEndWith(" the").doesNotEndWith(" and");
        }
    }

    @Test
    void completion_prints_a_bash_script_that_knows_every_top_level_command() {
        CommandRun run = CommandRun.of("completion");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("complete -F").contains("customer").contains("dead-letters").contains("intelligence");
    }
}
