package org.touchline.node;

import java.util.List;

/**
 * Why a customer is who Touchline says: each identifier and the entry that first linked it, and each customer merged in
 * with the entry that joined them. Rebuilt from the ledger and the vault, so it is only as complete as the personal
 * parts that still exist (an erased part leaves its identifier as {@code null}).
 *
 * @param createdAt the ledger index of the entry that first named this customer
 */
public record IdentityExplanation(String customerId, long createdAt, List<LinkedIdentifier> identifiers, List<MergedCustomer> merges) {

    /** An identifier, the entry that first carried it for this customer, and the rule that linked it. */
    public record LinkedIdentifier(String type, String value, long atIndex, String source, String sourceRecordId, String rule) {}

    /** A customer merged into this one at {@code atIndex} because that entry carried identifiers of both. */
    public record MergedCustomer(String absorbed, long atIndex, String source, String sourceRecordId, List<String> sharedIdentifiers) {}
}
