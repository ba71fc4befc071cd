package org.touchline.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** One in-process run of the {@code touchline} command: its exit code, what it printed, and what it said went wrong. */
record CommandRun(int exit, String out, String err) {
    static CommandRun of(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            var cl = Touchline.commandLine();
            cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
            int exit = cl.execute(args);
            return new CommandRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
        }
    }
}
