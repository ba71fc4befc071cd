package org.touchline.identity.match;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** Matching one record at a time against known customers, with the default person model. */
class OnlineMatcherTest {
    private static final int PEOPLE = 2000;

    /** A seeded person: a name from {@link SyntheticPeople}'s lists, a date of birth, a 4-digit postcode, an address. */
    static PersonProfile person(SplittableRandom r) {
        return PersonProfile.of(pick(r, SyntheticPeople.GIVEN) + " " + pick(r, SyntheticPeople.SURNAME),
                String.format("%04d-%02d-%02d", 1930 + r.nextInt(75), 1 + r.nextInt(12), 1 + r.nextInt(28)),
                String.valueOf(2000 + r.nextInt(3000)), (1 + r.nextInt(200)) + " " + pick(r, SyntheticPeople.STREET),
                List.of(), List.of());
    }

    static List<PersonProfile> people(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        List<PersonProfile> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(person(r));
        return out;
    }

    static String customer(int i) { return String.format("cu_%05d", i); }

    static OnlineMatcher filled(PersonMatchModel model, List<PersonProfile> people) {
        OnlineMatcher m = new OnlineMatcher(model);
        for (int i = 0; i < people.size(); i++) m.put(customer(i), people.get(i));
        return m;
    }

    /** The same person with a typo in the given name or the surname, and no address. */
    static PersonProfile typoInName(SplittableRandom r, PersonProfile p) {
        String given = p.givenName(), surname = p.surname();
        String name = r.nextBoolean() ? SyntheticPeople.typo(r, given) + " " + surname : given + " " + SyntheticPeople.typo(r, surname);
        return PersonProfile.of(name, p.dateOfBirth(), p.postcode(), null, List.of(), List.of());
    }

    /** Another day in the same birth year, at least two digits away and not the day and month swapped. */
    static String otherDay(SplittableRandom r, String dob) {
        String year = dob.substring(0, 4);
        while (true) {
            String d = String.format("%s-%02d-%02d", year, 1 + r.nextInt(12), 1 + r.nextInt(28));
            if (new DateComparison("d").level(dob, d) == 5) return d;
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void aTypoInTheNameWithTheSameDateOfBirthAndPostcodeLinks(long seed) {
        List<PersonProfile> people = people(seed, PEOPLE);
        OnlineMatcher matcher = filled(PersonMatchModel.defaults(), people);
        SplittableRandom r = new SplittableRandom(seed * 31);
        for (int t = 0; t < 100; t++) {
            int i = r.nextInt(PEOPLE);
            PersonProfile record = typoInName(r, people.get(i));
            Optional<OnlineMatch> best = matcher.best(record, c -> true);
            assertThat(best).as("%s for %s", record, people.get(i)).isPresent();
            assertThat(best.get().customerId()).isEqualTo(customer(i));
            assertThat(best.get().decision()).as("%s", best.get().evidence()).isEqualTo(Decision.LINK);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void theSameNameWithAnotherDateOfBirthAndPostcodeDoesNotLink(long seed) {
        List<PersonProfile> people = people(seed, PEOPLE);
        PersonMatchModel model = PersonMatchModel.defaults();
        OnlineMatcher matcher = filled(model, people);
        SplittableRandom r = new SplittableRandom(seed * 37);
        for (int t = 0; t < 100; t++) {
            PersonProfile known = people.get(r.nextInt(PEOPLE));
            // Same birth year, so the surname-and-year block still offers the known person as a candidate.
            PersonProfile record = PersonProfile.of(known.name(), otherDay(r, known.dateOfBirth()), "9999", null, List.of(), List.of());
            assertThat(model.thresholds().route(model.score(record, known).probability())).isEqualTo(Decision.NO_LINK);
            assertThat(matcher.best(record, c -> true)).as("%s", record).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void aNamesakeAtTheSamePostcodeBornOnAnotherDayGoesToReview(long seed) {
        List<PersonProfile> people = people(seed, PEOPLE);
        OnlineMatcher matcher = filled(PersonMatchModel.defaults(), people);
        SplittableRandom r = new SplittableRandom(seed * 41);
        for (int t = 0; t < 50; t++) {
            int i = r.nextInt(PEOPLE);
            PersonProfile known = people.get(i);
            PersonProfile record = PersonProfile.of(known.name(), otherDay(r, known.dateOfBirth()), known.postcode(), null, List.of(), List.of());
            OnlineMatch best = matcher.best(record, c -> true).orElseThrow();
            assertThat(best.decision()).as("%s", best.evidence()).isEqualTo(Decision.REVIEW);
            assertThat(best.probability()).isBetween(0.5, 0.9);
            assertThat(best.evidence()).contains("date_of_birth=else(-5.64)", "postcode=exact(+10.64)");
        }
    }

    @Test
    void disallowedCandidatesAreSkippedBeforeScoring() {
        OnlineMatcher matcher = new OnlineMatcher();
        PersonProfile ann = PersonProfile.of("Ann Lee", "1970-01-02", "AB12CD", null, List.of(), List.of());
        matcher.put("cu_exact", ann);
        matcher.put("cu_typo", PersonProfile.of("Anne Lee", "1970-01-02", "AB12CD", null, List.of(), List.of()));
        assertThat(matcher.best(ann, c -> true).orElseThrow().customerId()).isEqualTo("cu_exact");
        OnlineMatch second = matcher.best(ann, c -> !c.equals("cu_exact")).orElseThrow();
        assertThat(second.customerId()).isEqualTo("cu_typo");
        assertThat(second.candidatesScored()).isEqualTo(1);
        assertThat(matcher.best(ann, c -> false)).isEmpty();
    }

    @Test
    void aRecordWithoutANameAndOneOfDateOfBirthPostcodeOrAddressHasNoCandidate() {
        OnlineMatcher matcher = new OnlineMatcher();
        matcher.put("cu_1", PersonProfile.of("Ann Lee", "1970-01-02", "AB12CD", "1 High St", List.of("ann@x.com"), List.of()));
        assertThat(matcher.best(PersonProfile.of("Ann Lee", null, null, null, List.of("ann@x.com"), List.of()), c -> true)).isEmpty();
        assertThat(matcher.best(PersonProfile.of(null, "1970-01-02", "AB12CD", "1 High St", List.of(), List.of()), c -> true)).isEmpty();
        assertThat(matcher.best(PersonProfile.of("Ann Lee", null, null, "1 High St", List.of(), List.of()), c -> true))
                .as("name and address alone").isPresent();
    }

    @ParameterizedTest
    @ValueSource(longs = {7, 8, 9})
    void sameCallsGiveTheSameAnswersWhateverTheInsertionOrder(long seed) {
        List<PersonProfile> people = people(seed, PEOPLE);
        OnlineMatcher a = filled(PersonMatchModel.defaults(), people);
        OnlineMatcher b = filled(PersonMatchModel.defaults(), people);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < PEOPLE; i++) order.add(i);
        Collections.shuffle(order, new Random(seed));
        OnlineMatcher shuffled = new OnlineMatcher();
        for (int i : order) shuffled.put(customer(i), people.get(i));
        SplittableRandom r = new SplittableRandom(seed);
        int found = 0;
        for (int t = 0; t < 300; t++) {
            PersonProfile record = t % 2 == 0 ? typoInName(r, people.get(r.nextInt(PEOPLE))) : person(r);
            Optional<String> x = a.best(record, c -> true).map(OnlineMatcherTest::answer);
            assertThat(b.best(record, c -> true).map(OnlineMatcherTest::answer)).isEqualTo(x);
            assertThat(shuffled.best(record, c -> true).map(OnlineMatcherTest::answer)).isEqualTo(x);
            if (x.isPresent()) found++;
        }
        assertThat(found).isGreaterThan(100);
    }

    /** Everything an answer says, as text: who, the decision, and the evidence with its weights. */
    private static String answer(OnlineMatch m) {
        return m.customerId() + " " + m.decision() + " " + m.score().weight() + " " + m.evidence() + " " + m.modelVersion();
    }

    @Test
    void equalScoresGoToTheSmallerCustomerId() {
        PersonProfile p = PersonProfile.of("Ann Lee", "1970-01-02", "AB12CD", null, List.of(), List.of());
        for (List<String> ids : List.of(List.of("cu_b", "cu_a"), List.of("cu_a", "cu_b"))) {
            OnlineMatcher matcher = new OnlineMatcher();
            for (String id : ids) matcher.put(id, p);
            assertThat(matcher.best(p, c -> true).orElseThrow().customerId()).isEqualTo("cu_a");
        }
    }

    @Test
    void aCommonNameBlockOverTheCapIsNotScoredAndTheNarrowerRulesStillFindTheMatch() {
        int cap = 50;
        OnlineMatcher matcher = new OnlineMatcher(PersonMatchModel.defaults().withMaxBlockSize(cap));
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < 1000; i++) {
            // A thousand John Smiths born in 1980 (none on 17 May) in 300 postcodes: one huge surname-and-year block.
            String dob = String.format("1980-%02d-%02d", 1 + r.nextInt(4), 1 + r.nextInt(28));
            matcher.put(String.format("cu_smith_%04d", i), PersonProfile.of("John Smith", dob, "P" + r.nextInt(300), null, List.of(), List.of()));
        }
        matcher.put("cu_target", PersonProfile.of("John Smith", "1980-05-17", "AB12CD", null, List.of(), List.of()));
        PersonProfile record = PersonProfile.of("Jon Smith", "1980-05-17", "AB12CD", null, List.of(), List.of());
        assertThat(matcher.candidates(record)).containsExactly("cu_target");
        OnlineMatch best = matcher.best(record, c -> true).orElseThrow();
        assertThat(best.customerId()).isEqualTo("cu_target");
        assertThat(best.decision()).isEqualTo(Decision.LINK);
        assertThat(best.candidatesScored()).isEqualTo(1);
    }

    /**
     * The index after any sequence of adds, replacements, merges and removals offers exactly the candidates a plain
     * map of blocks would: every customer sharing a key under some rule, except from blocks over the cap.
     */
    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14})
    void theIndexAlwaysAgreesWithAPlainMapOfBlocks(long seed) {
        int cap = 8;
        PersonMatchModel model = PersonMatchModel.defaults().withMaxBlockSize(cap);
        OnlineMatcher matcher = new OnlineMatcher(model);
        Map<String, PersonProfile> truth = new LinkedHashMap<>();
        SplittableRandom r = new SplittableRandom(seed);
        for (int op = 0; op < 4000; op++) {
            String id = "cu_" + r.nextInt(400);
            int kind = r.nextInt(10);
            if (kind < 6) {
                PersonProfile p = smallWorldPerson(r);
                matcher.put(id, p);
                truth.put(id, p);
            } else if (kind < 8) {
                assertThat(matcher.remove(id)).isEqualTo(truth.remove(id) != null);
            } else {
                String survivor = "cu_" + r.nextInt(400);
                if (survivor.equals(id)) continue;
                PersonProfile gone = truth.remove(id);
                if (gone != null) truth.put(survivor, truth.containsKey(survivor) ? truth.get(survivor).mergedWith(gone) : gone);
                matcher.merge(id, survivor);
            }
            if (op % 100 == 0) {
                assertThat(matcher.size()).isEqualTo(truth.size());
                for (int q = 0; q < 10; q++) {
                    PersonProfile record = smallWorldPerson(r);
                    assertThat(matcher.candidates(record)).as("op %d", op).isEqualTo(plainCandidates(model, truth, record, cap));
                }
            }
        }
        for (Map.Entry<String, PersonProfile> e : truth.entrySet())
            assertThat(matcher.profile(e.getKey())).contains(e.getValue());
    }

    /** Few names, dates and postcodes, some fields missing: blocks collide, grow over the cap and shrink again. */
    private static PersonProfile smallWorldPerson(SplittableRandom r) {
        String[] given = {"ann", "anne", "bob", "rob", "carl"}, surname = {"lee", "li", "smith", "smyth"};
        return PersonProfile.of(r.nextInt(10) == 0 ? null : pick(r, given) + " " + pick(r, surname),
                r.nextInt(4) == 0 ? null : "1980-01-0" + (1 + r.nextInt(3)),
                r.nextInt(4) == 0 ? null : "PC" + r.nextInt(3),
                r.nextInt(2) == 0 ? null : (1 + r.nextInt(3)) + " high st", List.of(), List.of());
    }

    private static List<String> plainCandidates(PersonMatchModel model, Map<String, PersonProfile> known,
                                                PersonProfile record, int cap) {
        TreeSet<String> out = new TreeSet<>();
        if (!record.matchable()) return List.of();
        List<List<String>> recordKeys = model.blockingKeys(record.toMatchRecord(""));
        for (int rule = 0; rule < recordKeys.size(); rule++) {
            if (recordKeys.get(rule).isEmpty()) continue;
            List<String> block = new ArrayList<>();
            for (Map.Entry<String, PersonProfile> e : known.entrySet()) {
                if (!e.getValue().matchable()) continue;
                List<String> keys = model.blockingKeys(e.getValue().toMatchRecord("")).get(rule);
                if (!keys.isEmpty() && keys.get(0).equals(recordKeys.get(rule).get(0))) block.add(e.getKey());
            }
            if (block.size() <= cap) out.addAll(block);
        }
        return new ArrayList<>(out);
    }

    @ParameterizedTest
    @ValueSource(longs = {21, 22})
    void neverScoresMoreThanRulesTimesTheCap(long seed) {
        int cap = 20;
        PersonMatchModel model = PersonMatchModel.defaults().withMaxBlockSize(cap);
        OnlineMatcher matcher = filled(model, people(seed, PEOPLE));
        SplittableRandom r = new SplittableRandom(seed);
        Map<Integer, Integer> sizes = new HashMap<>();
        for (int t = 0; t < 200; t++) {
            int n = matcher.candidates(person(r)).size();
            assertThat(n).isLessThanOrEqualTo(model.blocking().size() * cap);
            sizes.merge(n, 1, Integer::sum);
        }
        assertThat(sizes).hasSizeGreaterThan(1);
    }

    static String pick(SplittableRandom r, String[] a) { return a[r.nextInt(a.length)]; }
}
