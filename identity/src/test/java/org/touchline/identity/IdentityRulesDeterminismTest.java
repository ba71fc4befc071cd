package org.touchline.identity;

import org.touchline.domain.IdentityDecision;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.touchline.domain.Identifier;
import org.touchline.domain.Interaction;
import org.touchline.domain.PartyRole;
import org.touchline.domain.store.ProjectionChanges;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/architecture.md, principle 3 with limits and the blocklist in play: the same ledger gives the same customers, links,
 * merges and decisions, whether replayed in one go or continued from restored projections.
 */
class IdentityRulesDeterminismTest {
    static final IdentifierKeys KEYS = new IdentifierKeys(new byte[] {1, 2, 3});
    static final IdentifierRules RULES = IdentifierRules.builder()
            .strong("account", 1).strong("email", 2).strong("phone", 2).strong("loyalty_card", 1)
            .priority(List.of("account", "email", "phone")).build();

    static List<Interaction> ledger(Random random, int n) {
        List<Interaction> out = new ArrayList<>();
        String[] junk = {"null", "0000", "anonymous", "unknown", "test@test.com"};
        for (int k = 0; k < n; k++) {
            List<Identifier> ids = new ArrayList<>();
            if (random.nextInt(3) == 0) ids.add(new Identifier("account", "ACC-" + random.nextInt(40)));
            if (random.nextInt(4) > 0) ids.add(new Identifier("email", "p" + random.nextInt(60) + "@example.com"));
            if (random.nextInt(3) == 0) ids.add(new Identifier("phone", "0770090" + (1000 + random.nextInt(50))));
            if (random.nextInt(6) == 0) ids.add(new Identifier("email", junk[random.nextInt(junk.length)]));
            if (random.nextInt(8) == 0) ids.add(new Identifier("phone", "0" + String.valueOf(random.nextInt(10)).repeat(10)));
            if (random.nextInt(5) == 0) ids.add(new Identifier("cookie", random.nextInt(10) == 0 ? "null" : "ck" + random.nextInt(30)));
            List<PartyRole> parties = random.nextInt(10) == 0
                    ? List.of(new PartyRole("actor", List.of(new Identifier("loyalty_card", "LC-" + random.nextInt(20))))) : List.of();
            out.add(new Interaction(null, "mix", "r" + k, Instant.parse("2026-01-01T00:00:00Z").plusSeconds(random.nextInt(100_000)),
                    "web", "enquiry", ids, parties, null, List.of(), null, null, Map.of()));
        }
        return out;
    }

    static List<Object> replay(IdentityGraph g, List<Interaction> records, long from, ProjectionChanges changes) {
        List<Object> subjects = new ArrayList<>();
        for (int k = 0; k < records.size(); k++) subjects.add(g.attribute(from + k, records.get(k), changes));
        return subjects;
    }

    @RepeatedTest(5)
    void theSameLedgerGivesTheSameGraphAndDecisions(RepetitionInfo rep) {
        List<Interaction> records = ledger(new Random(7000 + rep.getCurrentRepetition()), 600);
        ProjectionChanges one = new ProjectionChanges(), two = new ProjectionChanges();
        List<Object> a = replay(MemoryIdentityState.graph(KEYS, RULES), records, 0, one);
        List<Object> b = replay(MemoryIdentityState.graph(KEYS, RULES), records, 0, two);
        assertThat(b).isEqualTo(a);
        assertThat(two.customers).isEqualTo(one.customers);
        assertThat(two.links).isEqualTo(one.links);
        assertThat(two.merges).isEqualTo(one.merges);
        assertThat(two.timeline).isEqualTo(one.timeline);
        assertThat(two.decisions).isEqualTo(one.decisions);
        // The rules were actually exercised.
        assertThat(one.decisions).extracting(IdentityDecision::kind)
                .contains(IdentityDecision.BLOCKED, IdentityDecision.MERGE_REFUSED, IdentityDecision.MERGED);
    }

    @RepeatedTest(5)
    void continuingFromRestoredProjectionsMatchesOneReplay(RepetitionInfo rep) {
        List<Interaction> records = ledger(new Random(9000 + rep.getCurrentRepetition()), 600);
        ProjectionChanges straight = new ProjectionChanges();
        List<Object> expected = replay(MemoryIdentityState.graph(KEYS, RULES), records, 0, straight);

        int cut = 150 + new Random(rep.getCurrentRepetition()).nextInt(300);
        ProjectionChanges before = new ProjectionChanges();
        List<Object> got = new ArrayList<>(replay(MemoryIdentityState.graph(KEYS, RULES), records.subList(0, cut), 0, before));
        // A restarted node: a new graph from what the projections hold (in store order: customers, links, merges).
        MemoryIdentityState state = new MemoryIdentityState(RULES.priority());
        before.customers.forEach(state::restore);
        before.links.forEach(state::restore);
        before.merges.forEach(state::restore);
        IdentityGraph restored = new IdentityGraph(KEYS, RULES, state);
        ProjectionChanges after = new ProjectionChanges();
        got.addAll(replay(restored, records.subList(cut, records.size()), cut, after));

        assertThat(got).isEqualTo(expected);
        List<IdentityDecision> decisions = new ArrayList<>(before.decisions);
        decisions.addAll(after.decisions);
        assertThat(decisions).isEqualTo(straight.decisions);
        List<ProjectionChanges.Merge> merges = new ArrayList<>(before.merges);
        merges.addAll(after.merges);
        assertThat(merges).isEqualTo(straight.merges);
    }

    /**
     * Resolving a group remembers who owns each of its identifiers (read ahead once, then kept up as records link,
     * merge and split them): with groups of any size, the same decisions as asking the state at every look.
     */
    @RepeatedTest(10)
    void groupsReadAheadDecideAsRecordsResolvedOneByOne(RepetitionInfo rep) {
        Random random = new Random(11_000 + rep.getCurrentRepetition());
        List<Interaction> records = ledger(random, 800);
        ProjectionChanges single = new ProjectionChanges();
        List<Object> expected = replay(MemoryIdentityState.graph(KEYS, RULES), records, 0, single);

        IdentityGraph grouped = MemoryIdentityState.graph(KEYS, RULES);
        ProjectionChanges changes = new ProjectionChanges();
        List<Object> got = new ArrayList<>();
        for (int from = 0; from < records.size(); ) {
            int to = Math.min(records.size(), from + 1 + random.nextInt(200));
            List<Interaction> group = records.subList(from, to);
            grouped.prefetch(group);
            got.addAll(replay(grouped, group, from, changes));
            from = to;
        }
        assertThat(got).isEqualTo(expected);
        assertThat(changes.links).isEqualTo(single.links);
        assertThat(changes.merges).isEqualTo(single.merges);
        assertThat(changes.decisions).isEqualTo(single.decisions);
        assertThat(changes.searchKeys).isEqualTo(single.searchKeys);
        assertThat(single.merges).as("merges within a group were exercised").hasSizeGreaterThan(5);
    }
}
