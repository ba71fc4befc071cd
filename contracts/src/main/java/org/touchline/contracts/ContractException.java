package org.touchline.contracts;

/**
 * A contract that cannot be read, compiled, signed, verified or deployed. The message names the contract (when it is
 * known), the field and the reason, e.g. {@code contract reward-five-star: actions[0].award_tokens.amount: must be a
 * positive integer or a CEL expression}.
 */
public final class ContractException extends RuntimeException {
    public ContractException(String message) {
        super(message);
    }

    public ContractException(String message, Throwable cause) {
        super(message, cause);
    }

    static ContractException field(String contractId, String field, String reason) {
        return new ContractException(prefix(contractId) + field + ": " + reason);
    }

    static String prefix(String contractId) {
        return contractId == null || contractId.isEmpty() ? "contract: " : "contract " + contractId + ": ";
    }
}
