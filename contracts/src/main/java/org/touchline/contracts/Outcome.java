package org.touchline.contracts;

import java.util.List;

/** What one contract did for one entry; {@code actions} is empty unless {@code status} is MATCHED. */
public record Outcome(Status status, List<ContractAction> actions, String error) {
    public enum Status {
        /** The trigger does not name the entry: no CEL ran. */
        NOT_TRIGGERED,
        /** The condition was false. */
        NOT_MATCHED,
        /** The condition was true: the actions (an action whose amount came to zero or less is left out). */
        MATCHED,
        /** The condition or an amount could not be evaluated: no action; {@code error} says why. */
        ERROR
    }

    static final Outcome NOT_TRIGGERED = new Outcome(Status.NOT_TRIGGERED, List.of(), null);
    static final Outcome NOT_MATCHED = new Outcome(Status.NOT_MATCHED, List.of(), null);

    public Outcome {
        actions = List.copyOf(actions);
    }

    static Outcome error(String message) {
        return new Outcome(Status.ERROR, List.of(), message);
    }
}
