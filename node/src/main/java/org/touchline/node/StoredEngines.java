package org.touchline.node;

import org.touchline.contracts.ContractEngine;
import org.touchline.domain.EventEntry;
import org.touchline.domain.state.GroupCommits;
import org.touchline.domain.store.ProjectionStore;
import org.touchline.identity.IdentifierKeys;
import org.touchline.identity.IdentityGraph;
import org.touchline.identity.OnlineProfiles;
import org.touchline.identity.PostcodeAreas;
import org.touchline.identity.StoredIdentityState;
import org.touchline.identity.StoredProfileIndex;
import org.touchline.identity.match.OnlineMatcher;

/**
 * The resolver and the contract runner over the projections, as the single writer and a rebuild use them: they read
 * customers, identifiers, merges, pairs kept apart, match profiles and customers' facts from the store as they need them
 * (through bounded caches), so a start loads none of them.
 */
final class StoredEngines {
    private final ProjectionStore projections;
    private final IdentifierKeys identifierKeys;
    private final Resolution resolution;
    private final OnlineProfiles.Seal profileSeal;

    StoredEngines(ProjectionStore projections, IdentifierKeys identifierKeys, Resolution resolution, Vault vault) {
        this.projections = projections;
        this.identifierKeys = identifierKeys;
        this.resolution = resolution;
        this.profileSeal = profileSeal(vault);
    }

    /** Match profiles are personal data: sealed at rest under the customer's key by the vault. */
    static OnlineProfiles.Seal profileSeal(Vault vault) {
        return new OnlineProfiles.Seal() {
            @Override public byte[] seal(String customerId, byte[] plain) { return vault.sealProfile(customerId, plain); }

            @Override public byte[] open(String customerId, byte[] sealed) { return vault.openProfile(customerId, sealed); }
        };
    }

    /**
     * Entries each cache of store state holds at most ({@code -Dtouchline.stateCache=N}, default 100,000): the
     * identifiers, merges, customers and counts the resolver reads, the match profiles, the contracts' facts. About
     * 200 bytes an entry, so the default bounds each cache near 20 MB whatever the number of customers.
     */
    static int stateCacheEntries() {
        String v = System.getProperty("touchline.stateCache", "100000");
        try {
            int n = Integer.parseInt(v.replace("_", ""));
            if (n < 1) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("touchline.stateCache must be a positive number of entries, not '" + v + "'");
        }
    }

    /** The identity graph over the projections, under the rules and the match model in force. */
    IdentityGraph graph(GroupCommits groups) {
        int cache = stateCacheEntries();
        OnlineProfiles profiles = new OnlineProfiles(new OnlineMatcher(resolution.model(),
                new StoredProfileIndex(projections, profileSeal, groups, cache)), profileSeal, new PostcodeAreas(identifierKeys));
        return new IdentityGraph(identifierKeys, resolution.rules(),
                new StoredIdentityState(projections, resolution.rules().priority(), groups, cache)).withMatcher(profiles);
    }

    /** The contract runner as the projections hold it: deployments replayed in ledger order, customers' facts. */
    ContractRunner contracts() { return contracts(new GroupCommits()); }

    /** The contracts deployed as the ledger says now. */
    ContractEngine deployments() { return contracts().engine(); }

    ContractRunner contracts(GroupCommits groups) {
        // Deployments are replayed (a handful of entries); customers' facts are read from the store when needed.
        ContractRunner runner = new ContractRunner(new CustomerFacts(projections, groups, stateCacheEntries()));
        projections.allEvents(EventEntry.CONTRACT, row -> runner.event(row.entry(), row.event()));
        return runner;
    }
}
