package org.touchline.ledger;

/**
 * A proof, signature or receipt did not verify. The message says which check failed.
 * Unchecked: a failed verification is an answer, not an I/O accident.
 */
public class ProofException extends RuntimeException {
    public ProofException(String message) {
        super(message);
    }
}
