package org.touchline.domain;

import java.util.List;

/** A record that cannot be accepted, with every problem found in it. */
public class InvalidRecordException extends Exception {
    private final List<Problem> problems;

    public InvalidRecordException(List<Problem> problems) {
        super(problems.isEmpty() ? "invalid record" : String.join("; ", problems.stream().map(Problem::toString).toList()));
        this.problems = List.copyOf(problems);
    }

    public InvalidRecordException(Problem problem) { this(List.of(problem)); }

    public List<Problem> problems() { return problems; }
}
