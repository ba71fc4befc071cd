package org.touchline.identity;

import org.touchline.domain.Interaction;
import org.touchline.domain.store.ProjectionChanges;

/**
 * Decides which customer each interaction belongs to, and who else took part. Called in ledger order, it must
 * depend only on ledger order and content (docs/architecture.md, principle 3) so that every node, and every rebuild, attributes
 * the same way. The deterministic {@link IdentityGraph} is the first implementation; the probabilistic matcher of
 * a later issue sits behind this same interface.
 */
public interface IdentityResolver {
    /**
     * Attributes the interaction at {@code index}, recording in {@code changes} every customer created, identifier
     * linked, merge made and timeline row added.
     */
    Attribution attribute(long index, Interaction interaction, ProjectionChanges changes);

    /** The customer an id now refers to, following merges; null if unknown. */
    String current(String customerId);
}
