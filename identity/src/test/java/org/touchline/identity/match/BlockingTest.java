package org.touchline.identity.match;

import org.touchline.domain.Progress;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BlockingTest {
    private static final Blocking PEOPLE = new Blocking(List.of(
            BlockingRule.parse("postcode"),
            BlockingRule.parse("soundex(surname) + year(date_of_birth)"),
            BlockingRule.parse("prefix3(given_name) + prefix2(postcode)"),
            BlockingRule.parse("date_of_birth"),
            BlockingRule.parse("phone")), 500);

    @ParameterizedTest
    @ValueSource(longs = {3, 17, 2024})
    void findsTruePairsWithoutComparingAllPairs(long seed) {
        SyntheticPeople.People people = SyntheticPeople.generate(2000, 500, seed);
        List<MatchRecord> records = people.records();
        CandidatePairs candidates = PEOPLE.candidates(records, false, Progress.NONE);
        long truePairs = 0, found = 0;
        for (int i = 0; i < records.size(); i++)
            for (int j = i + 1; j < records.size(); j++)
                if (people.entity()[i] == people.entity()[j]) {
                    truePairs++;
                    if (candidates.contains(i, j)) found++;
                }
        long allPairs = (long) records.size() * (records.size() - 1) / 2;
        // A duplicate has up to three typos over six fields, two duplicates of one person up to six between them:
        // a few pairs lose every key. Nearly all must survive.
        assertThat(found).isGreaterThanOrEqualTo(truePairs * 97 / 100);
        assertThat((long) candidates.size()).isLessThan(allPairs / 20);
    }

    /**
     * Block by block, each pair taken only in the first block holding it, gives exactly the candidate pairs, under the
     * block cap (small caps here, so it bites).
     */
    @ParameterizedTest
    @ValueSource(longs = {5, 23, 1969})
    void blockByBlockGivesEachCandidatePairOnce(long seed) {
        List<MatchRecord> records = SyntheticPeople.generate(3000, 900, seed).records();
        for (Blocking blocking : List.of(PEOPLE, new Blocking(PEOPLE.rules(), 12, 1), new Blocking(PEOPLE.rules(), 40, 2))) {
            CandidatePairs expected = blocking.candidates(records, false, Progress.NONE);
            Set<Long> seen = ConcurrentHashMap.newKeySet();
            AtomicLong taken = new AtomicLong(), twice = new AtomicLong();
            long counted = blocking.forEachBlock(records, Progress.NONE, block -> {
                for (int x = 0; x < block.size(); x++)
                    for (int y = x + 1; y < block.size(); y++)
                        if (block.firstHolds(x, y)) {
                            taken.incrementAndGet();
                            if (!seen.add(CandidatePairs.pack(block.member(x), block.member(y)))) twice.incrementAndGet();
                        }
            });
            // Counted with plain sets: an assertion a pair (hundreds of thousands) is most of this test's time.
            assertThat(twice.get()).as("pairs taken twice").isZero();
            assertThat(taken.get()).isEqualTo(expected.size()).isEqualTo(counted);
            long missing = 0;
            for (long p : expected.packed()) if (!seen.contains(p)) missing++;
            assertThat(missing).as("candidate pairs no block gave").isZero();
        }
    }

    @Test
    void blockByBlockNeedsOneKeyPerRecordAndRule() {
        List<MatchRecord> records = List.of(new MatchRecord("r1", 0, Map.of("title", "red fox")), new MatchRecord("r2", 0, Map.of("title", "red fox")));
        assertThatThrownBy(() -> new Blocking(List.of(BlockingRule.parse("words(title)")), 10).forEachBlock(records, Progress.NONE, b -> {}))
                .hasMessageContaining("several keys");
    }

    @Test
    void parsesKeysAndRules() {
        MatchRecord r = new MatchRecord("1", 0, Map.of("surname", "Sondergeld", "dob", "19600210", "title",
                "The WASA2 object-oriented workflow system"));
        assertThat(BlockingRule.parse("soundex(surname) + year(dob)").keys(r)).containsExactly("S536\u001f1960");
        assertThat(BlockingKey.parse("prefix3(surname)").keys(r)).containsExactly("son");
        assertThat(BlockingKey.parse("words(title)").keys(r)).containsExactly("wasa2", "object", "oriented", "workflow");
        assertThat(BlockingKey.parse("postcode").keys(r)).isEmpty();
        assertThat(BlockingRule.parse("prefix3(surname)").toString()).isEqualTo("prefix3(surname)");
        assertThatThrownBy(() -> BlockingKey.parse("shout(surname)")).hasMessageContaining("unknown blocking function");
        assertThatThrownBy(() -> BlockingKey.parse("prefix(surname)")).hasMessageContaining("needs a length");
    }

    @Test
    void capsHugeBlocksAndLinksOnlyAcrossSources() {
        List<MatchRecord> records = new ArrayList<>();
        for (int i = 0; i < 1000; i++) records.add(new MatchRecord("a" + i, i % 2, Map.of("city", "sydney", "pc", "20" + (i % 50))));
        Blocking blocking = new Blocking(List.of(BlockingRule.parse("city"), BlockingRule.parse("pc")), 100);
        CandidatePairs dedup = blocking.candidates(records, false, Progress.NONE);
        assertThat(dedup.skippedBlocks()).isEqualTo(1);
        assertThat(dedup.skippedPairs()).isEqualTo(1000L * 999 / 2);
        assertThat(dedup.size()).isEqualTo(50 * (20 * 19 / 2));
        CandidatePairs link = blocking.candidates(records, true, Progress.NONE);
        for (int i = 0; i < link.size(); i++)
            assertThat(records.get(link.left(i)).source()).isNotEqualTo(records.get(link.right(i)).source());
    }

    @Test
    void aRuleIsHeldToItsPairBudgetBySkippingItsLargestBlocksFirst() {
        // 40 blocks of 100 (198,000 pairs) and 10 of 450 (1,010,250): over the 1,000,000 pairs a rule may give.
        List<MatchRecord> records = new ArrayList<>();
        for (int i = 0; i < 4000; i++) records.add(new MatchRecord("s" + i, 0, Map.of("key", "small" + i / 100)));
        for (int i = 0; i < 4500; i++) records.add(new MatchRecord("b" + i, 0, Map.of("key", "big" + i / 450)));
        CandidatePairs capped = new Blocking(List.of(BlockingRule.parse("key")), 500, 10).candidates(records, false, Progress.NONE);
        assertThat(capped.size()).isEqualTo(40 * 4950);
        assertThat(capped.skippedBlocks()).isEqualTo(10);
        assertThat(capped.skippedPairs()).isEqualTo(10L * 450 * 449 / 2);
        // With room for 200 pairs a record (1,700,000) every block fits.
        CandidatePairs roomy = new Blocking(List.of(BlockingRule.parse("key")), 500, 200).candidates(records, false, Progress.NONE);
        assertThat(roomy.size()).isEqualTo(40 * 4950 + 10 * (450 * 449 / 2));
        assertThat(roomy.skippedBlocks()).isZero();
    }
}
