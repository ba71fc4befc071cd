package org.touchline.cli;

import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.NoSuchElementException;

/**
 * The exit codes every command uses, one meaning each (docs/commands.md, "Exit codes"): a script can tell "not there" from "went
 * wrong" and "some records refused" from "nothing done".
 */
final class ExitCode {
    static final int OK = 0;
    /** Something went wrong: the store, the network, a check that failed (verify found damage). */
    static final int FAILURE = 1;
    /** The command line or its input is wrong: an unknown option, a missing argument, a value out of range. */
    static final int USAGE = 2;
    /** What was asked for does not exist: no such customer, dead letter, review, token, file. */
    static final int NOT_FOUND = 3;
    /** Done in part: some records were accepted, others refused (they wait in the dead-letter queue). */
    static final int PARTIAL = 4;

    private ExitCode() {}

    /** What a command's exception means for its exit code. */
    static int of(Throwable e) {
        if (e instanceof NoSuchElementException || e instanceof NoSuchFileException) return NOT_FOUND;
        if (e instanceof UncheckedIOException u && u.getCause() instanceof NoSuchFileException) return NOT_FOUND;
        if (e instanceof IllegalArgumentException) return USAGE;
        return FAILURE;
    }
}
