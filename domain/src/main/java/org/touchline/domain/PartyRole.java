package org.touchline.domain;

import java.util.List;

/**
 * A person taking part in an interaction in a named role: the {@code actor} who did it, the {@code beneficiary} it
 * was for, the {@code accountHolder}... A relative buying in a store for someone else is the actor; the customer
 * is the beneficiary.
 */
public record PartyRole(String role, List<Identifier> identifiers) {
    public static final List<String> ROLES = List.of("actor", "beneficiary", "accountHolder", "payer", "proxy", "organisation");

    public PartyRole {
        identifiers = identifiers == null ? List.of() : List.copyOf(identifiers);
    }
}
