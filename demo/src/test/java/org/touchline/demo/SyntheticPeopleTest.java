package org.touchline.demo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SyntheticPeopleTest {
    private static final int N = 20_000;

    private static List<SyntheticPerson> people(long seed, int n) {
        return new SyntheticPeople(seed).stream(n).toList();
    }

    @Test
    void theSameSeedGivesTheSameRecordsAndAnotherSeedOthers() {
        assertThat(people(7, 3_000)).isEqualTo(people(7, 3_000));
        assertThat(people(8, 3_000)).isNotEqualTo(people(7, 3_000));
    }

    @Test
    void givesExactlyTheCountAskedForWithUniqueIds() {
        List<SyntheticPerson> all = people(7, N);
        assertThat(all).hasSize(N);
        assertThat(all.stream().map(SyntheticPerson::recId).distinct().count()).isEqualTo(N);
    }

    @Test
    void aQuarterOfOriginalsHaveDuplicatesThatComeAfterThemUnderFebrlIds() {
        List<SyntheticPerson> all = people(7, N);
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < all.size(); i++) position.put(all.get(i).recId(), i);
        Set<String> duplicated = new HashSet<>();
        long duplicates = 0;
        for (int i = 0; i < all.size(); i++) {
            SyntheticPerson p = all.get(i);
            if (!p.isDuplicate()) {
                assertThat(p.recId()).matches("rec-\\d+-org");
                continue;
            }
            duplicates++;
            duplicated.add(p.originalId());
            assertThat(position.get(p.originalId())).as("original of %s", p.recId()).isNotNull().isLessThan(i);
            assertThat(p.recId()).matches("rec-\\d+-dup-[0-2]")
                    .startsWith(p.originalId().substring(0, p.originalId().length() - 3) + "dup-");
        }
        long originals = N - duplicates;
        assertThat(duplicated.size() / (double) originals).isBetween(0.20, 0.30);
        assertThat(duplicates / (double) N).isBetween(0.20, 0.35);
    }

    @Test
    void everyDuplicateDiffersFromItsOriginalInOneToAFewFields() {
        List<SyntheticPerson> all = people(7, N);
        Map<String, SyntheticPerson> byId = new HashMap<>();
        for (SyntheticPerson p : all) byId.put(p.recId(), p);
        for (SyntheticPerson d : all) {
            if (!d.isDuplicate()) continue;
            List<String> a = byId.get(d.originalId()).values(), b = d.values();
            int differing = 0;
            for (int c = 1; c < a.size(); c++) if (!Objects.equals(a.get(c), b.get(c))) differing++;
            assertThat(differing).as("%s against %s", b, a).isBetween(1, 6);
        }
    }

    @Test
    void duplicatesCarryEveryKindOfError() {
        List<SyntheticPerson> all = people(7, N);
        Map<String, SyntheticPerson> byId = new HashMap<>();
        for (SyntheticPerson p : all) byId.put(p.recId(), p);
        Set<String> seen = new HashSet<>();
        for (SyntheticPerson d : all) {
            if (!d.isDuplicate()) continue;
            SyntheticPerson o = byId.get(d.originalId());
            if (d.givenName() != null && d.givenName().equals(o.surname()) && !d.givenName().equals(o.givenName())) seen.add("swapped names");
            if (o.address1() != null && d.address1() != null && d.address1().equals(Corruptions.abbreviate(o.address1()))) seen.add("abbreviation");
            if (o.dateOfBirth() != null && d.dateOfBirth() != null && d.dateOfBirth().equals(Corruptions.swapDayMonth(o.dateOfBirth()))) seen.add("day/month");
            if (o.givenName() != null && d.givenName() != null && d.givenName().equals(Corruptions.nickname(o.givenName()))) seen.add("nickname");
            if (o.surname() != null && d.surname() == null) seen.add("missing");
            if (o.postcode() != null && d.postcode() != null && !d.postcode().equals(o.postcode())
                    && d.postcode().length() == o.postcode().length()) seen.add("postcode changed");
            if (o.surname() != null && d.surname() != null && !d.surname().equals(o.surname())
                    && !d.surname().equals(o.givenName())) seen.add("surname misspelt");
        }
        assertThat(seen).containsExactlyInAnyOrder("swapped names", "abbreviation", "day/month", "nickname", "missing",
                "postcode changed", "surname misspelt");
    }

    @Test
    void somePeopleShareAnAddressWithoutBeingDuplicates() {
        List<SyntheticPerson> originals = people(7, N).stream().filter(p -> !p.isDuplicate()).toList();
        Map<String, Integer> atAddress = new HashMap<>();
        for (SyntheticPerson p : originals) {
            if (p.postcode() != null && p.address1() != null && p.streetNumber() != null)
                atAddress.merge(p.streetNumber() + " " + p.address1() + " " + p.postcode(), 1, Integer::sum);
        }
        long shared = atAddress.values().stream().filter(c -> c > 1).mapToLong(c -> c).sum();
        assertThat(shared / (double) originals.size()).isBetween(0.15, 0.40);
        assertThat(originals.stream().map(SyntheticPerson::socSecId).filter(Objects::nonNull).distinct().count())
                .as("national ids are unique among originals").isEqualTo(originals.stream().filter(p -> p.socSecId() != null).count());
    }

    @Test
    void writesTheRecordsAndTheTruePairsAsCsv(@TempDir Path tmp) throws Exception {
        Path records = tmp.resolve("people.csv"), truth = tmp.resolve("people_true_pairs.csv");
        new SyntheticPeople(7).write(2_000, records, truth);
        List<String> lines = Files.readAllLines(records);
        assertThat(lines).hasSize(2_001);
        assertThat(lines.get(0)).isEqualTo(String.join(",", SyntheticPerson.COLUMNS));
        long duplicates = people(7, 2_000).stream().filter(SyntheticPerson::isDuplicate).count();
        List<String> pairs = Files.readAllLines(truth);
        assertThat(pairs).hasSize((int) duplicates + 1);
        assertThat(pairs.get(1)).matches("rec-\\d+-dup-\\d,rec-\\d+-org");
        assertThat(lines.stream().skip(1).allMatch(l -> l.split(",", -1).length == SyntheticPerson.COLUMNS.size())).isTrue();
    }

    @Test
    void commonSurnamesAreCommonAsInARealRegister() {
        SkewedChoice surnames = new SkewedChoice(PersonData.SURNAMES, 20);
        assertThat(surnames.share(0)).isBetween(0.01, 0.02);
        assertThat(surnames.share(PersonData.SURNAMES.size() - 1)).isGreaterThan(0.0005);
    }

    @Test
    void withoutSharedHouseholdsEveryOriginalHasAnAddressOfItsOwn() {
        List<SyntheticPerson> originals = new SyntheticPeople(7, 0).stream(N).filter(p -> !p.isDuplicate()).toList();
        Set<String> addresses = new HashSet<>();
        long shared = originals.stream().filter(p -> p.postcode() != null && p.address1() != null && p.streetNumber() != null)
                .filter(p -> !addresses.add(p.streetNumber() + " " + p.address1() + " " + p.postcode())).count();
        assertThat(shared).as("addresses drawn twice by chance").isLessThan(originals.size() / 1000);
    }
}
