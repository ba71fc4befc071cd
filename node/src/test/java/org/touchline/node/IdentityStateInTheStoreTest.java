package org.touchline.node;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.provider.ValueSource;
import org.touchline.demo.DemoCompany;
import org.touchline.demo.DemoSize;
import org.touchline.demo.SourceFile;
import org.touchline.demo.SyntheticPeople;
import org.touchline.demo.SyntheticPerson;
import org.touchline.domain.EntryKind;
import org.touchline.domain.Identifier;
import org.touchline.domain.IdentityDecision;
import org.touchline.domain.Interaction;
import org.touchline.domain.Progress;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live writer and {@code touchline rebuild} resolve against identity state kept in the store (overlaid with the
 * groups in flight, behind bounded caches); the reference is a replay of the same ledger against state kept in memory,
 * as every node did before. All three must take every identity decision alike and end with the same projections, on
 * the demo company's data and on a synthetic population with duplicates, whatever the cache size.
 */
class IdentityStateInTheStoreTest {
    @TempDir Path dir;

    @AfterEach
    void defaultCache() { System.clearProperty("touchline.stateCache"); }

    @ParameterizedTest(name = "cache of {0} entries")
    @ValueSource(ints = {7, 100_000})
    void theDemoCompanyResolvesAsTheInMemoryGraphDoes(int cacheEntries) throws Exception {
        System.setProperty("touchline.stateCache", String.valueOf(cacheEntries));
        try (NodeFixture f = new NodeFixture(dir.resolve("node"))) {
            for (SourceFile s : new DemoCompany(new DemoSize(400, 12_000, 12), 17).generate(dir.resolve("sources"), Progress.NONE))
                f.node.ingestion().file(s.mapping(), s.data(), Progress.NONE);
            assertResolvesAsInMemory(f);
        }
    }

    @ParameterizedTest(name = "cache of {0} entries")
    @ValueSource(ints = {7, 100_000})
    void aSyntheticPopulationResolvesAsTheInMemoryGraphDoes(int cacheEntries) throws Exception {
        System.setProperty("touchline.stateCache", String.valueOf(cacheEntries));
        try (NodeFixture f = new NodeFixture(dir.resolve("node"))) {
            List<Interaction> records = population(3_000, 23);
            // Submitted without waiting, so groups are sequenced while earlier ones are still being written.
            List<CompletableFuture<List<Outcome>>> pending = new ArrayList<>();
            for (int from = 0; from < records.size(); from += 250) {
                List<Candidate> batch = new ArrayList<>();
                for (Interaction i : records.subList(from, Math.min(records.size(), from + 250))) batch.add(new Candidate(i.sourceRecordId(), i));
                pending.add(f.node.submit("test", batch));
            }
            for (var p : pending) assertThat(p.get()).allMatch(o -> o.status() == Outcome.Status.ACCEPTED);
            assertResolvesAsInMemory(f);
        }
    }

    @Test
    void anErasedCustomerIsInNoCacheAfterwards() throws Exception {
        try (NodeFixture f = new NodeFixture(dir.resolve("node"))) {
            Identifier annMail = new Identifier("email", "ann@example.com");
            List<Identifier> annDetails = List.of(new Identifier("name", "Ann Smith"), new Identifier("date_of_birth", "1980-02-03"),
                    new Identifier("postcode", "LS1 4AB"), new Identifier("address", "12 High Street, Leeds"));
            List<Identifier> first = new ArrayList<>(annDetails);
            first.add(annMail);
            f.append(new Interaction(null, "crm", "1", Instant.parse("2026-01-01T00:00:00Z"), "web", "purchase", first, List.of(), null,
                    List.of("TV-55"), null, null, Map.of()));
            // Every cache now holds Ann: her identifiers, her customer, her profile, her facts.
            f.append(NodeFixture.interaction("crm", "2", "2026-01-02T00:00:00Z", "web", annMail));
            String ann = f.node.customers().findByIdentifier(annMail).orElseThrow();

            f.node.customerEvents().erase(ann, "dpo-1");

            // Her email names nobody, and a record carrying it is refused: it would bring her back. Her details match no
            // one: her profile is gone from the matcher.
            assertThat(f.append(NodeFixture.interaction("crm", "3", "2026-02-01T00:00:00Z", "web", annMail))).singleElement()
                    .satisfies(o -> assertThat(o.status()).isEqualTo(Outcome.Status.REJECTED));
            assertThat(f.node.customers().findByIdentifier(annMail)).isEmpty();
            List<Identifier> lookalike = new ArrayList<>(annDetails);
            lookalike.add(new Identifier("email", "a.smith@mail.example"));
            f.append(new Interaction(null, "crm", "4", Instant.parse("2026-02-02T00:00:00Z"), "web", "enquiry", lookalike, List.of(),
                    null, List.of(), null, null, Map.of()));
            String lookalikeCustomer = f.node.customers().findByIdentifier(new Identifier("email", "a.smith@mail.example")).orElseThrow();
            assertThat(lookalikeCustomer).isNotEqualTo(ann);
            // A recall of what she bought reaches no one: her facts are gone from the index and the cache.
            f.append(new Interaction(null, "network", "RCL-1", Instant.parse("2026-03-01T00:00:00Z"), "external", "product_recall",
                    List.of(), List.of(), null, List.of("TV-55"), "Recall", null, Map.of()));
            List<String> reached = new ArrayList<>();
            long recall = f.node.ledger().size() - 1;
            f.node.projections().allTimeline("affected", r -> { if (r.index() == recall) reached.add(r.customerId()); });
            assertThat(reached).isEmpty();
            assertResolvesAsInMemory(f, false);
        }
    }

    /**
     * Live digest and decisions, then a replay with the in-memory graph, then the rebuild a node runs (state in the
     * store): the same projections each time, no decision different, and the rebuild's caches within their capacity.
     */
    private static void assertResolvesAsInMemory(NodeFixture f) { assertResolvesAsInMemory(f, true); }

    private static void assertResolvesAsInMemory(NodeFixture f, boolean mergesAndMatches) {
        String live = f.node.projections().digest();
        Map<String, Integer> kinds = decisionKinds(f);
        if (mergesAndMatches)
            assertThat(kinds).as("the data exercises merges and matches").containsKeys(IdentityDecision.MERGED, IdentityDecision.MATCHED);
        Rebuild.Result inMemory = InMemoryReference.rebuild(f.node).run(Progress.NONE);
        assertThat(inMemory.superseded()).as("recorded decisions the in-memory graph does not take").isZero();
        assertThat(inMemory.unrecorded()).as("decisions the in-memory graph takes that were not recorded").isEmpty();
        assertThat(f.node.projections().digest()).isEqualTo(live);
        assertThat(decisionKinds(f)).isEqualTo(kinds);

        Rebuild.Result stored = f.node.replay().run(Progress.NONE);
        assertThat(stored.superseded()).as("recorded decisions the rebuild over the store does not take").isZero();
        assertThat(stored.unrecorded()).as("decisions the rebuild over the store takes that were not recorded").isEmpty();
        assertThat(f.node.projections().digest()).isEqualTo(live);
        assertThat(decisionKinds(f)).isEqualTo(kinds);
        assertThat(stored.caches()).extracting(c -> c.name()).contains("identifiers", "merges", "customers", "customer facts");
        assertThat(stored.caches()).allSatisfy(c -> assertThat(c.size()).isLessThanOrEqualTo(c.capacity()));
    }

    private static Map<String, Integer> decisionKinds(NodeFixture f) {
        Map<String, Integer> out = new TreeMap<>();
        f.node.ledger().scanLeaves(0, f.node.ledger().size(), (i, leaf) -> {
            if (EntryKind.of(leaf) == EntryKind.IDENTITY) out.merge(IdentityDecision.parse(leaf).kind(), 1, Integer::sum);
        });
        return out;
    }

    /**
     * Synthetic people as interactions: each original with an email of its own; a duplicate carries the original's
     * email a third of the time (a merge or a link on a strong identifier), else only the person's details (the
     * probabilistic matcher's case); every tenth record also gives a phone shared with another person (a merge that
     * the limits may refuse).
     */
    private static List<Interaction> population(int count, long seed) {
        Random random = new Random(seed);
        List<Interaction> out = new ArrayList<>();
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        for (SyntheticPerson p : (Iterable<SyntheticPerson>) new SyntheticPeople(seed).stream(count)::iterator) {
            List<Identifier> ids = new ArrayList<>();
            String person = p.isDuplicate() ? p.originalId() : p.recId();
            if (!p.isDuplicate()) ids.add(new Identifier("email", person + "@people.example"));
            else if (random.nextInt(3) == 0) ids.add(new Identifier("email", person + "@people.example"));
            if (random.nextInt(10) == 0) ids.add(new Identifier("phone", "07700900" + (100 + random.nextInt(400))));
            String name = ((p.givenName() == null ? "" : p.givenName()) + " " + (p.surname() == null ? "" : p.surname())).trim();
            if (!name.isEmpty()) ids.add(new Identifier("name", name));
            if (p.dateOfBirth() != null) ids.add(new Identifier("date_of_birth", p.dateOfBirth()));
            if (p.postcode() != null) ids.add(new Identifier("postcode", p.postcode()));
            if (p.address1() != null) ids.add(new Identifier("address", (p.streetNumber() == null ? "" : p.streetNumber() + " ") + p.address1()));
            if (ids.isEmpty()) ids.add(new Identifier("cookie", p.recId()));
            at = at.plusSeconds(60);
            out.add(new Interaction(null, "people", p.recId(), at, "web", "enquiry", ids, List.of(), null, List.of(), null, null, Map.of()));
        }
        // Then every original comes back by email, with a phone of that visit: merged, matched and split customers are
        // found again through whatever happened to them since.
        int originals = 0;
        for (Interaction i : List.copyOf(out)) {
            if (i.sourceRecordId().contains("-dup-")) continue;
            at = at.plusSeconds(60);
            List<Identifier> ids = List.of(new Identifier("email", i.sourceRecordId() + "@people.example"),
                    new Identifier("phone", "07700900" + (100 + random.nextInt(400))));
            out.add(new Interaction(null, "people", "again-" + originals++, at, "phone", "enquiry", ids, List.of(), null, List.of(), null, null, Map.of()));
        }
        return out;
    }
}
