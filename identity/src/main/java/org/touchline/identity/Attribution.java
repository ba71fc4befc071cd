package org.touchline.identity;

import java.util.List;

/**
 * Whose interaction it is ({@code subject}) and who else took part, by role: a relative buying in a store for the
 * customer is an {@code actor} party, the customer the subject.
 */
public record Attribution(String subject, List<Party> others) {
    public record Party(String role, String customerId) {}
}
