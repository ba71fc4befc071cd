package org.touchline.identity.match;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The person model: its defaults, its recorded form, and fitting it to data. */
class PersonMatchModelTest {
    private static final List<String> COMPARED = List.of("given_name", "surname", "date_of_birth", "postcode", "address", "email", "phone");

    @Test
    void defaultsCompareThePersonFieldsAndWeighAgreementForAndDisagreementAgainst() {
        PersonMatchModel model = PersonMatchModel.defaults();
        assertThat(model.comparisons().stream().map(Comparison::column).toList()).isEqualTo(COMPARED);
        assertThat(model.thresholds()).isEqualTo(new Thresholds(0.9, 0.5));
        for (int c = 0; c < COMPARED.size(); c++) {
            int last = model.comparisons().get(c).levelCount() - 1;
            assertThat(model.model().m(c, 1)).as("%s exact", COMPARED.get(c)).isGreaterThan(model.model().u(c, 1) * 10);
            assertThat(model.model().m(c, last)).as("%s else", COMPARED.get(c)).isLessThan(model.model().u(c, last));
            double m = 0, u = 0;
            for (int l = 1; l <= last; l++) {
                m += model.model().m(c, l);
                u += model.model().u(c, l);
            }
            assertThat(m).as("m of %s sums to 1", COMPARED.get(c)).isCloseTo(1, Offset.offset(1e-9));
            assertThat(u).as("u of %s sums to 1", COMPARED.get(c)).isCloseTo(1, Offset.offset(1e-9));
        }
    }

    @Test
    void anEmailOrPhoneAgreesWhenAnyOfThePersonsValuesDoes() {
        PersonMatchModel model = PersonMatchModel.defaults();
        PersonProfile known = PersonProfile.of("Ann Lee", null, "AB12CD", null, List.of("a@x.com", "ann@y.com"), List.of("447700900001"));
        PersonProfile record = PersonProfile.of("Ann Lee", null, "AB12CD", null, List.of("ann@y.com"), List.of("447700900999"));
        MatchScore s = model.score(record, known);
        assertThat(s.explain(model.comparisons())).contains("email=exact(+22.25)", "phone=else(-1.51)");
    }

    @Test
    void theRecordedFormIsCanonicalJsonNamedByItsSha256() throws Exception {
        PersonMatchModel model = PersonMatchModel.defaults();
        String json = model.toJson();
        assertThat(json).startsWith("{\"blocking\":{\"maxBlockSize\":500,\"rules\":[\"soundex(surname) + year(date_of_birth)\"");
        assertThat(json).contains("\"format\":\"touchline/person-match-model/1\"", "\"lambda\":0.000001");
        assertThat(model.version()).matches("[0-9a-f]{64}");
        // Any layout of the same document reads back to the same model and version.
        String pretty = new ObjectMapper().readTree(json).toPrettyString();
        assertThat(PersonMatchModel.parse(pretty).version()).isEqualTo(model.version());
        assertThat(PersonMatchModel.defaults().withThresholds(new Thresholds(0.95, 0.5)).version()).isNotEqualTo(model.version());
    }

    /** One fitted model for the round-trip tests (fitting draws 300,000 random pairs: once is enough). */
    private static PersonMatchModel fitted;

    @BeforeAll
    static void fitOnce() {
        fitted = PersonMatchModel.fit(withDuplicates(OnlineMatcherTest.people(99, 600), 99));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void serialisedThenParsedScoresEveryPairIdentically(long seed) {
        List<PersonProfile> people = OnlineMatcherTest.people(seed, 600);
        for (PersonMatchModel model : List.of(PersonMatchModel.defaults(), fitted)) {
            PersonMatchModel back = PersonMatchModel.parse(model.toJson());
            assertThat(back.toJson()).isEqualTo(model.toJson());
            assertThat(back.version()).isEqualTo(model.version());
            SplittableRandom r = new SplittableRandom(seed);
            for (int t = 0; t < 500; t++) {
                PersonProfile a = people.get(r.nextInt(people.size()));
                PersonProfile b = r.nextBoolean() ? OnlineMatcherTest.typoInName(r, a) : people.get(r.nextInt(people.size()));
                MatchScore x = model.score(a, b), y = back.score(a, b);
                assertThat(Double.doubleToRawLongBits(y.weight())).isEqualTo(Double.doubleToRawLongBits(x.weight()));
                assertThat(y.contributions()).isEqualTo(x.contributions());
            }
        }
    }

    /**
     * Prepared profiles (each value normalised and prepared once, for a block's many pairs) score every pair exactly as
     * the comparisons' own {@code level} over the raw values defines it: the best level over all pairs of values.
     */
    @ParameterizedTest
    @ValueSource(longs = {4, 5, 6})
    void preparedProfilesScoreEveryPairAsTheComparisonsDefine(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<PersonProfile> people = new ArrayList<>();
        for (PersonProfile p : OnlineMatcherTest.people(seed, 300)) {
            people.add(p);
            people.add(OnlineMatcherTest.typoInName(r, p));
            // Several emails and phones, some shared, some blank: the multi-valued columns take the best pair.
            List<String> emails = List.of(p.givenName() + r.nextInt(3) + "@example.com", r.nextBoolean() ? " " : "x" + r.nextInt(5) + "@example.org");
            List<String> phones = List.of("07700 900" + (100 + r.nextInt(5)), "+44 7700 900" + (100 + r.nextInt(5)));
            people.add(PersonProfile.of(p.name(), null, r.nextBoolean() ? p.postcode() : null, null, emails, phones));
        }
        for (PersonMatchModel model : List.of(PersonMatchModel.defaults(), fitted)) {
            List<PreparedProfile> prepared = people.stream().map(model::prepare).toList();
            for (int t = 0; t < 3_000; t++) {
                int i = r.nextInt(people.size()), j = r.nextBoolean() ? (i + 1) % people.size() : r.nextInt(people.size());
                MatchScore fast = model.score(prepared.get(i), prepared.get(j));
                int[] defined = new int[model.comparisons().size()];
                for (int c = 0; c < defined.length; c++) {
                    Comparison cmp = model.comparisons().get(c);
                    int best = Comparison.NULL;
                    for (String x : people.get(i).values().of(cmp.column()))
                        for (String y : people.get(j).values().of(cmp.column())) {
                            int level = cmp.level(x, y);
                            if (level != Comparison.NULL && (best == Comparison.NULL || level < best)) best = level;
                        }
                    defined[c] = best;
                }
                assertThat(fast.levels()).as("pair %d, %d", i, j).isEqualTo(defined);
                assertThat(fast.weight()).isEqualTo(model.model().score(defined, null).weight());
                assertThat(model.score(people.get(i), people.get(j)).weight()).isEqualTo(fast.weight());
            }
        }
    }

    @Test
    void parsingRejectsDocumentsThatWouldScoreDifferently() {
        String json = PersonMatchModel.defaults().toJson();
        assertThatThrownBy(() -> PersonMatchModel.parse(json.replace("person-match-model/1", "person-match-model/9")))
                .hasMessageContaining("not a touchline/person-match-model/1");
        assertThatThrownBy(() -> PersonMatchModel.parse(json.replace("\"jaro-winkler>=0.92\"", "\"jaro-winkler>=0.9\"")))
                .hasMessageContaining("has levels");
        assertThatThrownBy(() -> PersonMatchModel.parse(json.replace("\"column\":\"address\"", "\"column\":\"street\"")))
                .hasMessageContaining("not a person profile column");
        assertThatThrownBy(() -> PersonMatchModel.parse(json.replace("soundex(surname) + year(date_of_birth)", "words(address)")))
                .hasMessageContaining("several keys");
    }

    @ParameterizedTest
    @ValueSource(longs = {3, 11})
    void fittingToSyntheticPeopleLearnsThatAgreementMarksTheSamePerson(long seed) {
        SyntheticPeople.People data = SyntheticPeople.generate(2000, 400, seed);
        List<PersonProfile> profiles = new ArrayList<>();
        for (MatchRecord r : data.records()) profiles.add(profile(r));
        PersonMatchModel model = PersonMatchModel.fit(profiles);
        PersonMatchModel defaults = PersonMatchModel.defaults();
        for (String column : List.of("given_name", "surname", "date_of_birth", "postcode", "address", "phone")) {
            int c = COMPARED.indexOf(column);
            int last = model.comparisons().get(c).levelCount() - 1;
            assertThat(model.model().m(c, 1)).as("%s: m exact", column).isGreaterThan(0.5).isGreaterThan(model.model().u(c, 1) * 10);
            assertThat(model.model().m(c, last)).as("%s: m else", column).isLessThan(model.model().u(c, last));
        }
        int email = COMPARED.indexOf("email");
        assertThat(model.model().m()[email]).as("no emails in the data: the defaults stay").isEqualTo(defaults.model().m()[email]);
        // About one true pair per duplicate among 2400 * 2399 / 2 pairs.
        assertThat(model.model().lambda()).isBetween(5e-5, 5e-4);

        // The fitted model finds the duplicates among the originals, and what it links is right.
        OnlineMatcher matcher = new OnlineMatcher(model);
        for (int i = 0; i < 2000; i++) matcher.put("cu_" + i, profiles.get(i));
        int found = 0, links = 0, wrongLinks = 0;
        for (int d = 2000; d < profiles.size(); d++) {
            var best = matcher.best(profiles.get(d), c -> true);
            if (best.isEmpty()) continue;
            boolean right = best.get().customerId().equals("cu_" + data.entity()[d]);
            if (right) found++;
            if (best.get().decision() == Decision.LINK) {
                links++;
                if (!right) wrongLinks++;
            }
        }
        assertThat(found).as("duplicates found").isGreaterThan(380);
        assertThat(links).isGreaterThan(350);
        assertThat(wrongLinks).isLessThanOrEqualTo(2);
    }

    @Test
    void fittingNeedsCandidatePairs() {
        assertThatThrownBy(() -> PersonMatchModel.fit(List.of(PersonProfile.of("Ann Lee", "1970-01-02", null, null, List.of(), List.of()))))
                .hasMessageContaining("nothing to fit");
    }

    /** People plus one duplicate in five with a typo in the name (what fitting needs to learn from). */
    private static List<PersonProfile> withDuplicates(List<PersonProfile> people, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<PersonProfile> out = new ArrayList<>(people);
        for (int i = 0; i < people.size() / 5; i++) out.add(OnlineMatcherTest.typoInName(r, people.get(r.nextInt(people.size()))));
        return out;
    }

    private static PersonProfile profile(MatchRecord r) {
        return PersonProfile.of(r.value("given_name") + " " + r.value("surname"), r.value("date_of_birth"),
                r.value("postcode"), r.value("address"), List.of(), r.value("phone") == null ? List.of() : List.of(r.value("phone")));
    }
}
