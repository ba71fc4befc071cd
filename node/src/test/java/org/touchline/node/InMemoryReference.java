package org.touchline.node;

import org.touchline.identity.IdentityGraph;
import org.touchline.identity.MemoryIdentityState;
import org.touchline.identity.OnlineProfiles;
import org.touchline.identity.PostcodeAreas;
import org.touchline.identity.match.OnlineMatcher;

/**
 * The state a replay keeps in memory, under a node's rules, matcher and keys: the reference the state a node keeps in
 * its store (live and in a rebuild, behind bounded caches) is compared with.
 */
final class InMemoryReference {
    private InMemoryReference() {}

    /** An empty identity graph under the node's rules and matcher, its state and match profiles in maps. */
    static IdentityGraph graph(Node node) {
        OnlineProfiles profiles = new OnlineProfiles(new OnlineMatcher(node.matchModel()), StoredEngines.profileSeal(node.vault()),
                new PostcodeAreas(node.identifierKeys()));
        return MemoryIdentityState.graph(node.identifierKeys(), node.identityRules()).withMatcher(profiles);
    }

    /** A contract runner with no deployments, customers' facts in memory. */
    static ContractRunner contracts() { return new ContractRunner(new CustomerFacts()); }

    /** A replay of the node's ledger into its projections against state kept in memory. */
    static Rebuild rebuild(Node node) {
        return new Rebuild(node.ledger(), node.projections(), node.vault(),
                new IdentityEffects(node.ledger(), node.projections(), node.projections(), node.identifierKeys(), node.vault()),
                groups -> graph(node), groups -> contracts(), node::exclusive, 10_000);
    }
}
