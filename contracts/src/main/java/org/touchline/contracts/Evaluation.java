package org.touchline.contracts;

import java.util.List;

/**
 * What the deployed contracts did for one entry: the actions, in order (contracts by id, then each contract's actions
 * in the order it lists them), and the contracts that failed to evaluate.
 */
public record Evaluation(List<ContractAction> actions, List<ContractError> errors) {
    public static final Evaluation EMPTY = new Evaluation(List.of(), List.of());

    public Evaluation {
        actions = List.copyOf(actions);
        errors = List.copyOf(errors);
    }

    public boolean isEmpty() {
        return actions.isEmpty() && errors.isEmpty();
    }
}
