package org.touchline.intelligence.nba;

/**
 * The one question every use of a customer's data for a purpose asks first (docs/architecture.md, principle 7). The node answers
 * it from the consent entries on the ledger (docs/security.md, "Consent"); intelligence only ever reads purposes through it.
 */
@FunctionalInterface
public interface PurposeCheck {
    boolean allows(String customer, String purpose);
}
