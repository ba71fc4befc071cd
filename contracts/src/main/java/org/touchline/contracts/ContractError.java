package org.touchline.contracts;

/**
 * A contract that could not be evaluated for an entry (e.g. it read a field the entry does not carry, or ran out of
 * its iteration budget): it took no action. The message is deterministic, so every node reports the same error.
 */
public record ContractError(String contractId, long contractVersion, String definitionSha256, long triggerIndex, String message) {
    @Override
    public String toString() {
        return contractId + "@" + contractVersion + " at entry " + triggerIndex + ": " + message;
    }
}
