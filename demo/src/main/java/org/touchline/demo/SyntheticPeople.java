package org.touchline.demo;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Synthetic person records for measuring identity resolution at scale, in FEBRL's layout (see
 * {@link SyntheticPerson#COLUMNS}), made by the project so benchmarks need no licensed data. A quarter of the
 * originals get one to three duplicates, each carrying one to three of the errors of {@link Corruptions} plus swapped
 * names and missing values; some originals share a household's address and surname without being the same person, the
 * hard non-matches of real registers. Ids follow FEBRL ({@code rec-7-org}, {@code rec-7-dup-0}) and every duplicate
 * names its original, which gives the true pairs. Duplicates arrive a few dozen records after their original, not next
 * to it. The same seed and count give the same records, streamed: nothing holds the whole set.
 */
public final class SyntheticPeople {
    /** Share of originals that get duplicates, and how many (1, 2 or 3 with these odds). */
    static final double DUPLICATED_SHARE = 0.25;
    private static final double[] DUPLICATE_COUNT_ODDS = {0.5, 0.3, 0.2};
    /** Share of originals living at an earlier original's address (a partner, a grown-up child, a flatmate). */
    public static final double SHARED_HOUSEHOLDS = 0.15;
    /** Share of each original's fields left empty, as in any register. */
    static final double MISSING_IN_ORIGINAL = 0.01;

    private static final SkewedChoice FEMALE = new SkewedChoice(PersonData.FEMALE, 15);
    private static final SkewedChoice MALE = new SkewedChoice(PersonData.MALE, 15);
    private static final SkewedChoice SURNAME = new SkewedChoice(PersonData.SURNAMES, 20);
    private static final SkewedChoice STREET_KIND = new SkewedChoice(PersonData.STREET_KINDS, 3);
    private static final String POSTCODE_LETTERS = "ABDEFGHJLNPQRSTUWXYZ";

    private final long seed;
    private final double sharedHouseholds;

    public SyntheticPeople(long seed) {
        this(seed, SHARED_HOUSEHOLDS);
    }

    /**
     * @param sharedHouseholds share of originals who live with an earlier one (0 for none: every address its own,
     *                         which shows how much of a matcher's error is telling housemates apart)
     */
    public SyntheticPeople(long seed, double sharedHouseholds) {
        if (!(sharedHouseholds >= 0 && sharedHouseholds <= 1)) throw new IllegalArgumentException("sharedHouseholds must be in [0, 1]");
        this.seed = seed;
        this.sharedHouseholds = sharedHouseholds;
    }

    /** {@code count} records, originals and duplicates mixed, generated as they are read. */
    public Stream<SyntheticPerson> stream(int count) {
        return StreamSupport.stream(Spliterators.spliterator(new Generator(count), count,
                Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.SIZED), false);
    }

    /**
     * Writes {@code count} records to {@code records} and the true pairs (duplicate id, original id; a header
     * {@code rec_id_1,rec_id_2} as FEBRL's files have) to {@code truePairs}, both CSV, in one pass.
     */
    public void write(int count, Path records, Path truePairs) throws IOException {
        try (BufferedWriter r = Files.newBufferedWriter(records, StandardCharsets.UTF_8);
             BufferedWriter t = Files.newBufferedWriter(truePairs, StandardCharsets.UTF_8)) {
            write(count, r, t);
        }
    }

    public void write(int count, Writer records, Writer truePairs) throws IOException {
        records.write(String.join(",", SyntheticPerson.COLUMNS) + "\n");
        truePairs.write("rec_id_1,rec_id_2\n");
        try {
            stream(count).forEach(p -> {
                try {
                    List<String> v = p.values();
                    for (int i = 0; i < v.size(); i++) {
                        if (i > 0) records.write(',');
                        records.write(csv(v.get(i)));
                    }
                    records.write('\n');
                    if (p.isDuplicate()) truePairs.write(p.recId() + "," + p.originalId() + "\n");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static String csv(String value) {
        if (value == null) return "";
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0) return value;
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    /** Makes originals one by one; their duplicates wait in a small pool and leave it at random moments. */
    private final class Generator implements Iterator<SyntheticPerson> {
        private final SplittableRandom random = new SplittableRandom(seed);
        private final int count;
        private final List<SyntheticPerson> pending = new ArrayList<>();
        /** Recent people who head a household, each with how many more people may join them. */
        private final List<SyntheticPerson> households = new ArrayList<>();
        private final List<Integer> roomLeft = new ArrayList<>();
        private int emitted;
        private int originals;

        Generator(int count) {
            if (count < 0) throw new IllegalArgumentException("count must not be negative");
            this.count = count;
        }

        @Override public boolean hasNext() { return emitted < count; }

        @Override
        public SyntheticPerson next() {
            if (!hasNext()) throw new NoSuchElementException();
            emitted++;
            // The pool empties at the rate duplicates are made once it holds a few dozen: duplicates trail their originals.
            if (!pending.isEmpty() && random.nextDouble() < Math.min(0.9, pending.size() / 64.0)) {
                int i = random.nextInt(pending.size());
                SyntheticPerson d = pending.get(i);
                pending.set(i, pending.get(pending.size() - 1));
                pending.remove(pending.size() - 1);
                return d;
            }
            SyntheticPerson original = original(originals++);
            if (random.nextDouble() < DUPLICATED_SHARE) {
                int copies = 1 + pickIndex(DUPLICATE_COUNT_ODDS);
                for (int k = 0; k < copies; k++) pending.add(duplicate(original, k));
            }
            return original;
        }

        private SyntheticPerson original(int no) {
            boolean female = random.nextBoolean();
            String given = (female ? FEMALE : MALE).pick(random);
            SyntheticPerson home = null;
            if (!households.isEmpty() && random.nextDouble() < sharedHouseholds) {
                int h = random.nextInt(households.size());
                home = households.get(h);
                if (roomLeft.get(h) > 1) roomLeft.set(h, roomLeft.get(h) - 1);
                else removeHousehold(h);
            }
            String surname, number, street, building, suburb, postcode, state;
            if (home != null) {
                surname = random.nextDouble() < 0.7 && home.surname() != null ? home.surname() : SURNAME.pick(random);
                number = home.streetNumber();
                street = home.address1();
                building = home.address2();
                suburb = home.suburb();
                postcode = home.postcode();
                state = home.state();
            } else {
                surname = SURNAME.pick(random);
                int town = town();
                DemoData.Town t = DemoData.TOWNS[town];
                int district = 1 + random.nextInt(t.districts());
                List<String> localities = PersonData.LOCALITIES.get(town);
                number = String.valueOf(1 + random.nextInt(random.nextDouble() < 0.8 ? 120 : 400));
                street = PersonData.STREET_STEMS.get(random.nextInt(PersonData.STREET_STEMS.size())) + " "
                        + STREET_KIND.pick(random);
                double b = random.nextDouble();
                building = b < 0.12 ? PersonData.BUILDINGS.get(random.nextInt(PersonData.BUILDINGS.size()))
                        : b < 0.22 ? "Flat " + (1 + random.nextInt(12)) : null;
                suburb = localities.get((district - 1) % localities.size());
                postcode = t.area() + district + " " + random.nextInt(10)
                        + POSTCODE_LETTERS.charAt(random.nextInt(POSTCODE_LETTERS.length()))
                        + POSTCODE_LETTERS.charAt(random.nextInt(POSTCODE_LETTERS.length()));
                state = PersonData.REGIONS.get(town);
            }
            int age = 18 + (int) Math.min(77, Math.abs(random.nextGaussian() * 22 + 25));
            int month = 1 + random.nextInt(12);
            YearMonth ym = YearMonth.of(2026 - age, month);
            String dob = String.format(Locale.ROOT, "%04d%02d%02d", ym.getYear(), month, 1 + random.nextInt(ym.lengthOfMonth()));
            // A different 7-digit number for every original: no < 9,000,000 is scrambled by a multiplier prime to 9,000,000.
            String socSec = String.valueOf(1_000_000 + (no * 7_368_787L) % 9_000_000L);
            SyntheticPerson p = new SyntheticPerson("rec-" + no + "-org", null, given, surname, number, street, building,
                    suburb, postcode, state, dob, socSec);
            for (String column : SyntheticPerson.COLUMNS.subList(1, SyntheticPerson.COLUMNS.size()))
                if (random.nextDouble() < MISSING_IN_ORIGINAL) p = p.with(column, null);
            if (home == null) { // a new household of one to four people, of whom this is the first
                if (households.size() == 256) removeHousehold(random.nextInt(households.size()));
                households.add(p);
                roomLeft.add(1 + random.nextInt(3));
            }
            return p;
        }

        private void removeHousehold(int h) {
            int last = households.size() - 1;
            households.set(h, households.get(last));
            roomLeft.set(h, roomLeft.get(last));
            households.remove(last);
            roomLeft.remove(last);
        }

        /** A town, the bigger (more postcode districts) the likelier. */
        private int town() {
            int total = 0;
            for (DemoData.Town t : DemoData.TOWNS) total += t.districts();
            int r = random.nextInt(total);
            for (int i = 0; i < DemoData.TOWNS.length; i++) {
                r -= DemoData.TOWNS[i].districts();
                if (r < 0) return i;
            }
            return DemoData.TOWNS.length - 1;
        }

        private SyntheticPerson duplicate(SyntheticPerson original, int k) {
            String no = original.recId().substring(4, original.recId().length() - 4);
            SyntheticPerson d = original.asDuplicate("rec-" + no + "-dup-" + k, original.recId());
            int errors = 1 + pickIndex(new double[]{0.5, 0.3, 0.2});
            int made = 0;
            // Two errors can cancel out (names swapped twice): go on until the duplicate really differs.
            for (int attempt = 0; (made < errors || sameValues(d, original)) && attempt < 100; attempt++) {
                SyntheticPerson next = corrupt(d);
                if (next != null && !next.equals(d)) {
                    d = next;
                    made++;
                }
            }
            return d;
        }

        private static boolean sameValues(SyntheticPerson a, SyntheticPerson b) {
            List<String> x = a.values(), y = b.values();
            return x.subList(1, x.size()).equals(y.subList(1, y.size()));
        }

        /** One error of a kind chosen with the odds seen in re-keyed records; null when it does not apply. */
        private SyntheticPerson corrupt(SyntheticPerson p) {
            double r = random.nextDouble();
            if (r < 0.28) {
                String column = pick("given_name", "surname", "given_name", "surname", "address_1", "suburb", "postcode",
                        "date_of_birth", "soc_sec_id", "street_number");
                return change(p, column, v -> Corruptions.typo(random, v));
            }
            if (r < 0.38) {
                return change(p, pick("given_name", "surname", "address_1", "suburb", "soc_sec_id"),
                        v -> Corruptions.keyboardNeighbour(random, v));
            }
            if (r < 0.50) return change(p, pick("given_name", "surname", "surname", "suburb"), v -> Corruptions.phonetic(random, v));
            if (r < 0.54) return change(p, "given_name", Corruptions::nickname);
            if (r < 0.59) return p.with("given_name", p.surname()).with("surname", p.givenName());
            if (r < 0.74) {
                return p.with(pick("given_name", "surname", "street_number", "address_1", "address_2", "suburb", "postcode",
                        "state", "date_of_birth", "soc_sec_id"), null);
            }
            if (r < 0.81) return change(p, "date_of_birth", Corruptions::swapDayMonth);
            if (r < 0.87) return change(p, "postcode", v -> Corruptions.transposeDigits(random, v));
            if (r < 0.90) return change(p, "soc_sec_id", v -> Corruptions.transposeDigits(random, v));
            return change(p, "address_1", Corruptions::abbreviate);
        }

        private SyntheticPerson change(SyntheticPerson p, String column, UnaryOperator<String> error) {
            String value = p.values().get(SyntheticPerson.COLUMNS.indexOf(column));
            if (value == null) return null;
            String changed = error.apply(value);
            return changed == null || changed.equals(value) ? null : p.with(column, changed);
        }

        private String pick(String... columns) {
            return columns[random.nextInt(columns.length)];
        }

        private int pickIndex(double[] odds) {
            double r = random.nextDouble();
            for (int i = 0; i < odds.length; i++) {
                r -= odds[i];
                if (r < 0) return i;
            }
            return odds.length - 1;
        }
    }
}
