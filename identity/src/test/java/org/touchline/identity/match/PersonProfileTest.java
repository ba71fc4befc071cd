package org.touchline.identity.match;

import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.touchline.domain.Identifier;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** What a person profile holds, how it changes with new records, and when it can be matched at all. */
class PersonProfileTest {
    private static Identifier id(String type, String value) { return new Identifier(type, value); }

    @Test
    void isBuiltFromTheMatchFieldsOfIdentifiersAndIgnoresTheRest() {
        PersonProfile p = PersonProfile.of(List.of(id("name", "Mary O'Brien"), id("date_of_birth", "1980-05-17"),
                id("postcode", "sw1a 1aa"), id("address", "10 Downing Street"), id("email", "Mary@Example.com"),
                id("phone", "020 7946 0958"), id("account", "ACC-1"), id("cookie", "c1")));
        assertThat(p.name()).isEqualTo("Mary O'Brien");
        assertThat(p.givenName()).isEqualTo("mary");
        assertThat(p.surname()).isEqualTo("obrien");
        assertThat(p.dateOfBirth()).isEqualTo("1980-05-17");
        assertThat(p.postcode()).isEqualTo("SW1A1AA");
        assertThat(p.address()).isEqualTo("10 Downing Street");
        assertThat(p.emails()).containsExactly("mary@example.com");
        assertThat(p.phones()).containsExactly("442079460958");
    }

    @Test
    void readsGivenNameAndSurnameFromCommonWaysOfWritingAName() {
        assertThat(parts("John Paul Smith")).containsExactly("john", "smith");
        assertThat(parts("Smith, John Paul")).containsExactly("john", "smith");
        assertThat(parts("Dr. Jane Smith-Jones")).containsExactly("jane", "smithjones");
        assertThat(parts("Zoë Müller")).containsExactly("zoe", "muller");
        assertThat(parts("Cher")).containsExactly(null, "cher");
    }

    private static List<String> parts(String name) {
        PersonProfile p = PersonProfile.of(name, null, null, null, List.of(), List.of());
        return Arrays.asList(p.givenName(), p.surname());
    }

    @Test
    void latestSingleValuesWinAndContactsAccumulateUpToFiveNewest() {
        PersonProfile p = PersonProfile.of(List.of(id("name", "Ann Lee"), id("postcode", "AB1 2CD"), id("email", "a1@x.com")));
        p = p.with(List.of(id("postcode", "EF3 4GH"), id("email", "a2@x.com"), id("phone", "07700 900001")));
        assertThat(p.name()).as("kept when the record has none").isEqualTo("Ann Lee");
        assertThat(p.postcode()).as("the latest wins").isEqualTo("EF34GH");
        assertThat(p.emails()).containsExactly("a1@x.com", "a2@x.com");
        for (int i = 3; i <= 7; i++) p = p.with(List.of(id("email", "a" + i + "@x.com")));
        assertThat(p.emails()).containsExactly("a3@x.com", "a4@x.com", "a5@x.com", "a6@x.com", "a7@x.com");
        p = p.with(List.of(id("email", "a3@x.com")));
        assertThat(p.emails()).as("seen again: newest").containsExactly("a4@x.com", "a5@x.com", "a6@x.com", "a7@x.com", "a3@x.com");
    }

    @Test
    void aMergedProfileKeepsTheSurvivorsValuesAndFillsItsGaps() {
        PersonProfile survivor = PersonProfile.of("Ann Lee", null, "AB12CD", null, List.of("ann@x.com"), List.of());
        PersonProfile absorbed = PersonProfile.of("Anne Lee", "1970-01-02", "ZZ99ZZ", null, List.of("lee@y.com"), List.of("447700900001"));
        PersonProfile merged = survivor.mergedWith(absorbed);
        assertThat(merged.name()).isEqualTo("Ann Lee");
        assertThat(merged.postcode()).isEqualTo("AB12CD");
        assertThat(merged.dateOfBirth()).isEqualTo("1970-01-02");
        assertThat(merged.emails()).containsExactly("lee@y.com", "ann@x.com");
        assertThat(merged.phones()).containsExactly("447700900001");
    }

    @Test
    void needsANamePlusDateOfBirthPostcodeOrAddressToBeMatched() {
        assertThat(PersonProfile.of("Ann Lee", null, null, null, List.of("ann@x.com"), List.of()).matchable()).isFalse();
        assertThat(PersonProfile.of(null, "1970-01-02", "AB12CD", "1 High St", List.of(), List.of()).matchable()).isFalse();
        assertThat(PersonProfile.of("Ann Lee", "1970-01-02", null, null, List.of(), List.of()).matchable()).isTrue();
        assertThat(PersonProfile.of("Ann Lee", null, "AB12CD", null, List.of(), List.of()).matchable()).isTrue();
        assertThat(PersonProfile.of("Ann Lee", null, null, "1 High St", List.of(), List.of()).matchable()).isTrue();
    }

    @Test
    void becomesAMatchRecordWithOneColumnPerField() {
        PersonProfile p = PersonProfile.of("Ann Lee", "1970-01-02", "AB12CD", "1 High St", List.of("old@x.com", "new@x.com"), List.of());
        MatchRecord r = p.toMatchRecord("cu_1");
        assertThat(r.id()).isEqualTo("cu_1");
        assertThat(r.value("given_name")).isEqualTo("ann");
        assertThat(r.value("surname")).isEqualTo("lee");
        assertThat(r.value("email")).as("the newest").isEqualTo("new@x.com");
        assertThat(r.value("phone")).isNull();
    }

    @Test
    void separatorCharactersInValuesCannotCorruptTheProfile() {
        PersonProfile p = PersonProfile.of("Ann\u001fLee", "1970\u001e01-02", null, null, List.of("a@x.com\u001fb"), List.of());
        assertThat(p.name()).isEqualTo("Ann Lee");
        assertThat(p.dateOfBirth()).isEqualTo("1970 01-02");
        assertThat(p.emails()).containsExactly("a@x.com b");
        assertThat(p).isEqualTo(PersonProfile.of("Ann Lee", "1970 01-02", null, null, List.of("a@x.com b"), List.of()));
    }

    /** The shortcut may only say "unchanged" when it is: seeded random profiles and records. */
    @RepeatedTest(5)
    void unchangedByIsOnlyTrueWhenWithGivesTheSameProfile(RepetitionInfo rep) {
        Random r = new Random(4242 + rep.getCurrentRepetition());
        String[] names = {"Ann Smith", "Bob Jones"}, dobs = {"1980-02-03", "1975-07-07"}, postcodes = {"LS1 4AB", "M1 1AA"};
        String[] emails = {"a@x.example", "b@x.example", "c@x.example"}, phones = {"07700900001", "07700900002"};
        int shortcut = 0;
        for (int n = 0; n < 2_000; n++) {
            PersonProfile p = PersonProfile.EMPTY;
            for (int k = 0; k < 1 + r.nextInt(4); k++) p = p.with(randomIds(r, names, dobs, postcodes, emails, phones));
            List<Identifier> ids = randomIds(r, names, dobs, postcodes, emails, phones);
            if (p.unchangedBy(ids)) {
                shortcut++;
                Assertions.assertThat(p.with(ids)).as("%s with %s", p, ids).isEqualTo(p);
            }
        }
        Assertions.assertThat(shortcut).as("the shortcut is taken at all").isGreaterThan(100);
    }

    private static List<Identifier> randomIds(Random r, String[] names, String[] dobs,
                                                                             String[] postcodes, String[] emails, String[] phones) {
        List<Identifier> ids = new ArrayList<>();
        if (r.nextInt(3) == 0) ids.add(new Identifier("name", names[r.nextInt(names.length)]));
        if (r.nextInt(3) == 0) ids.add(new Identifier("date_of_birth", dobs[r.nextInt(dobs.length)]));
        if (r.nextInt(3) == 0) ids.add(new Identifier("postcode", postcodes[r.nextInt(postcodes.length)]));
        if (r.nextInt(2) == 0) ids.add(new Identifier("email", emails[r.nextInt(emails.length)]));
        if (r.nextInt(3) == 0) ids.add(new Identifier("phone", phones[r.nextInt(phones.length)]));
        if (r.nextInt(3) == 0) ids.add(new Identifier("cookie", "ck" + r.nextInt(5)));
        return ids;
    }
}
