package org.touchline.cli;

import org.touchline.domain.store.DeadLetter;
import org.touchline.node.Outcome;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "dead-letters", description = "Refused records: list them, and resubmit them once fixed.",
        subcommands = {DeadLettersCommand.ListLetters.class, DeadLettersCommand.Resubmit.class})
final class DeadLettersCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public void run() { spec.commandLine().usage(System.out); }

    @Command(name = "list", description = "List dead letters with the record, the field and the reason.")
    static final class ListLetters implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Option(names = "--status", defaultValue = DeadLetter.OPEN, description = "open or resubmitted (default: ${DEFAULT-VALUE})") String status;
        @Option(names = "--limit", defaultValue = "50", description = "how many to list (default: ${DEFAULT-VALUE})") int limit;
        @Option(names = "--after", defaultValue = "0", description = "list ids after this one") long after;

        @Override
        public Integer call() throws Exception {
            try (var open = data.openToRead()) {
                var letters = open.node().deadLetters();
                System.out.println(letters.count(status) + " " + status + " dead letter(s)");
                for (DeadLetter d : letters.list(status, after, limit)) {
                    System.out.printf("#%d  %s  %s%n", d.id(), d.recordRef(), d.origin());
                    System.out.println("    problems: " + d.problems());
                    // A CSV letter holds the header line and the row: the row is what a person needs to see.
                    String[] lines = d.raw().split("\n");
                    String raw = lines.length == 2 ? lines[1] : d.raw().replace("\n", "\\n");
                    System.out.println("    record:   " + (raw.length() > 160 ? raw.substring(0, 160) + "…" : raw));
                }
            }
            return 0;
        }
    }

    @Command(name = "resubmit", description = "Try a dead letter again: as it is (after fixing the mapping) or with a corrected record.")
    static final class Resubmit implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Parameters(paramLabel = "ID", description = "the dead letter's id, as touchline dead-letters list shows it (#N)") long id;
        @Option(names = "--record", paramLabel = "FILE", description = "a file holding the corrected record, in the source's format") Path record;

        @Override
        public Integer call() throws Exception {
            var serving = data.serving();
            if (serving.isPresent()) {
                String corrected = record == null ? "" : Files.readString(record);
                var answer = serving.get().postNdjson("/v1/dead-letters/" + id + "/resubmit", corrected);
                System.out.println(answer.path("status").asText() + " at ledger index " + answer.path("index").asLong() + " (" + answer.path("id").asText() + ")");
                return 0;
            }
            try (var open = data.openToAppend("resubmitting is not ordered through the topic yet: send the corrected record in a signed batch to POST /v1/batches")) {
                String corrected = record == null ? null : Files.readString(record);
                Outcome o = open.node().ingestion().resubmit(id, corrected);
                if (o.status() == Outcome.Status.REJECTED) {
                    System.out.println("still refused:");
                    o.problems().forEach(p -> System.out.println("  - " + p));
                    return ExitCode.FAILURE;
                }
                System.out.println(o.status().name().toLowerCase() + " at ledger index " + o.index() + " (" + o.id() + ")");
            }
            return 0;
        }
    }
}
