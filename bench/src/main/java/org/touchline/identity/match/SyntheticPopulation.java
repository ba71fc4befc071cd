package org.touchline.identity.match;

import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded synthetic customer base for {@link OnlineMatchBenchmark}: people drawn from a few hundred given names and
 * surnames with a Zipf skew (the most common surname is about 4% of people, as common names are in a real base with
 * a narrow vocabulary), birth years on a bell curve 1940-2006, UK-style postcodes of about 15 people each with one
 * street per postcode, and for some people an email and a phone. Person {@code i} depends only on the seed and
 * {@code i}, so a benchmark can regenerate any person instead of holding them all (which would spoil the heap figure).
 */
final class SyntheticPopulation {
    private static final String[] GIVEN = ("""
            james mary john patricia robert jennifer michael linda william elizabeth david barbara richard susan joseph
            jessica thomas sarah charles karen christopher lisa daniel nancy matthew betty anthony margaret mark sandra
            donald ashley steven kimberly paul emily andrew donna joshua michelle kenneth carol kevin amanda brian melissa
            george deborah timothy stephanie ronald rebecca edward sharon jason laura jeffrey cynthia ryan kathleen jacob
            amy gary angela nicholas shirley eric anna jonathan brenda stephen pamela larry emma justin nicole scott helen
            brandon samantha benjamin katherine samuel christine gregory debra alexander rachel frank carolyn patrick
            janet raymond catherine jack maria dennis heather jerry diane tyler ruth aaron julie jose olivia adam joyce
            nathan virginia henry victoria douglas kelly zachary lauren peter christina kyle joan ethan evelyn walter
            judith noah megan jeremy andrea christian cheryl keith hannah roger jacqueline terry martha gerald gloria harold
            teresa sean ann austin sara carl madison arthur frances lawrence kathryn dylan janice jesse jean jordan abigail
            bryan alice billy julia joe judy bruce sophia gabriel grace logan denise albert amber willie doris alan marilyn
            juan danielle wayne beverly elijah isabella randy theresa roy diana vincent natalie ralph brittany eugene
            charlotte russell marie bobby kayla mason alexis philip lori louis oliver chloe harrison isla freya lachlan
            siobhan aoife niamh ciaran declan priya arjun rohan aisha fatima omar yusuf mei wei hiroshi yuki sven ingrid""")
            .trim().split("\\s+");
    private static final String[] SURNAMES = ("""
            smith jones williams taylor brown davies evans wilson thomas johnson roberts robinson thompson wright walker
            white edwards hughes green hall lewis harris clarke patel jackson wood turner martin cooper hill ward morris
            moore clark lee king baker harrison morgan allen james scott phillips watson davis parker price bennett young
            griffiths mitchell kelly cook carter richardson bailey collins bell shaw murphy miller cox richards khan
            marshall anderson simpson ellis adams singh begum wilkinson foster chapman powell webb rogers gray mason ali
            hunt hussain campbell matthews owen palmer holmes mills barnes knight lloyd butler russell barker fisher
            stevens jenkins murray dixon harvey graham pearson ahmed fletcher walsh kaur gibson howard andrews stewart
            elliott reynolds saunders payne fox ford pearce day brooks west lawrence cole atkinson bradley spencer gill
            dawson ball burton obrien watts rose booth perry ryan grant wells armstrong francis rees hayes hart hudson
            newman barrett webster hunter gregory carr lowe page marsh riley dunn woods parsons berry stone reid holland
            hawkins harding porter robertson newton oliver reed kennedy williamson bird gardner shah dean lane cooke bates
            henderson parry burgess bishop walton burns nicholson shepherd ross cross long freeman warren nicholls hamilton
            byrne sutton mcdonald yates hodgson robson curtis hopkins oconnor harper coleman watkins moss mccarthy chambers
            odonnell griffin sharp hardy wheeler potter osborne johnston gordon doyle wallace george jordan hutchinson
            rowe burke may pritchard gilbert willis higgins read miles stevenson stephenson hammond arnold buckley walters
            hewitt barber nelson slater austin sullivan whitehead mann frost lambert stephens blake akhtar lynch goodwin
            barton woodward thomson cunningham quinn barnett baxter bibi clayton nash greenwood jennings holt kemp poole
            gallagher bond stokes tucker davidson fowler heath norman middleton lees banks nguyen tran wang zhang chen
            kowalski nowak muller schmidt schneider rossi russo ferrari garcia martinez rodriguez lopez gonzalez perez
            sanchez ramirez torres flores rivera gomez diaz cruz morales ortiz gutierrez chavez ramos ruiz alvarez""")
            .trim().split("\\s+");
    private static final String[] STREETS = ("""
            church high station main park victoria green manor mill school queens kings new grange windsor york
            albert alexander chapel springfield orchard meadow oak elm beech ash willow cedar maple hawthorn holly
            mount north south west east bridge castle market london richmond grosvenor clarence cromwell nelson""")
            .trim().split("\\s+");
    private static final String[] STREET_KINDS = {"street", "road", "lane", "avenue", "close", "drive", "way", "crescent"};
    private static final String[] AREAS = ("""
            AB AL B BA BB BD BH BL BN BR BS CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT DY E EC EH EN EX FK
            FY G GL GU HA HD HG HP HR HS HU HX IG IP IV KA KT KW KY L LA LD LE LL LN LS LU M ME MK ML N NE NG NN NP
            NR NW OL OX PA PE PH PL PO PR RG RH RM S SA SE SG SK SL SM SN SO SP SR SS ST SW SY TA TD TF TN TQ TR TS
            TW UB W WA WC WD WF WN WR WS WV YO""").trim().split("\\s+");
    private static final String UNIT_LETTERS = "ABDEFGHJLNPQRSTUWXY";
    private static final String[] DOMAINS = {"gmail.com", "outlook.com", "yahoo.co.uk", "icloud.com", "btinternet.com"};
    /** Zipf exponent: flat enough that a few hundred names stand in for a real base, skewed enough to make hot blocks. */
    private static final double SKEW = 0.6;
    private static final double[] GIVEN_CDF = zipf(GIVEN.length), SURNAME_CDF = zipf(SURNAMES.length);

    private final long seed;
    private final int postcodes;

    /** @param size the number of known people it is sized for: one postcode per 15 of them */
    SyntheticPopulation(long seed, int size) {
        this.seed = seed;
        this.postcodes = Math.max(1, size / 15);
    }

    /** Person {@code i}: a customer id and a profile. */
    Person person(long i) {
        SplittableRandom r = random(i, 0);
        String id = String.format("cu_%016x", r.nextLong());
        String given = GIVEN[draw(r, GIVEN_CDF)], surname = SURNAMES[draw(r, SURNAME_CDF)];
        // Sum of three uniforms: a bell over 1940-2006 that peaks in the 1970s.
        int year = 1940 + r.nextInt(23) + r.nextInt(23) + r.nextInt(23);
        int month = 1 + r.nextInt(12);
        int day = 1 + r.nextInt(YearMonth.of(year, month).lengthOfMonth());
        int postcode = r.nextInt(postcodes);
        List<String> emails = r.nextInt(10) < 6
                ? List.of(given + "." + surname + r.nextInt(1_000_000) + "@" + DOMAINS[r.nextInt(DOMAINS.length)]) : List.of();
        List<String> phones = r.nextInt(2) == 0 ? List.of("447" + (100_000_000 + r.nextInt(900_000_000))) : List.of();
        return new Person(id, PersonProfile.of(given + " " + surname, String.format("%04d-%02d-%02d", year, month, day),
                postcode(postcode), (1 + r.nextInt(120)) + " " + street(postcode), emails, phones));
    }

    /**
     * A person nobody has seen, as a record reaching the online matcher shows them: without emails and phones, since
     * a record whose email or phone somebody holds is resolved by the strong-identifier path first.
     */
    PersonProfile newcomer(long i) {
        PersonProfile p = person(i).profile();
        return PersonProfile.of(p.name(), p.dateOfBirth(), p.postcode(), p.address(), List.of(), List.of());
    }

    /** How a record of a known person can differ from the profile held: what the lookups of known people carry. */
    PersonProfile variant(long i, PersonProfile known) {
        SplittableRandom r = random(i, 1);
        String given = known.givenName(), surname = known.surname();
        String dob = known.dateOfBirth(), postcode = known.postcode(), address = known.address();
        int changes = 1 + r.nextInt(2);
        for (int c = 0; c < changes; c++) {
            switch (r.nextInt(6)) {
                case 0 -> given = typo(r, given);
                case 1 -> surname = typo(r, surname);
                case 2 -> dob = typo(r, dob);
                case 3 -> postcode = typo(r, postcode);
                case 4 -> { // moved
                    int p = r.nextInt(postcodes);
                    postcode = postcode(p);
                    address = (1 + r.nextInt(120)) + " " + street(p);
                }
                default -> address = null;
            }
        }
        // The record's own emails and phones are new by construction: the strong-identifier path found nobody.
        return PersonProfile.of(given + " " + surname, dob, postcode, r.nextBoolean() ? address : null, List.of(), List.of());
    }

    private String postcode(int k) {
        int q = k / AREAS.length;
        return AREAS[k % AREAS.length] + (1 + q % 40) + " " + (q / 40) % 10
                + UNIT_LETTERS.charAt((q / 400) % UNIT_LETTERS.length()) + UNIT_LETTERS.charAt((q / 7600) % UNIT_LETTERS.length());
    }

    private String street(int postcode) {
        SplittableRandom r = random(postcode, 2);
        return STREETS[r.nextInt(STREETS.length)] + " " + STREET_KINDS[r.nextInt(STREET_KINDS.length)];
    }

    /** One typing error: two neighbours swapped, one character dropped, or one replaced. */
    static String typo(SplittableRandom r, String s) {
        if (s.length() < 2) return s + "x";
        int i = r.nextInt(s.length() - 1);
        char[] c = s.toCharArray();
        switch (r.nextInt(3)) {
            case 0 -> {
                char t = c[i];
                c[i] = c[i + 1];
                c[i + 1] = t;
                return new String(c);
            }
            case 1 -> { return s.substring(0, i) + s.substring(i + 1); }
            default -> {
                c[i] = Character.isDigit(c[i]) ? (char) ('0' + r.nextInt(10)) : (char) ('a' + r.nextInt(26));
                return new String(c);
            }
        }
    }

    private SplittableRandom random(long i, int stream) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + i * 4 + stream);
    }

    private static double[] zipf(int n) {
        double[] cdf = new double[n];
        double total = 0;
        for (int k = 0; k < n; k++) cdf[k] = total += Math.pow(k + 1, -SKEW);
        for (int k = 0; k < n; k++) cdf[k] /= total;
        return cdf;
    }

    private static int draw(SplittableRandom r, double[] cdf) {
        int k = Arrays.binarySearch(cdf, r.nextDouble());
        return Math.min(cdf.length - 1, k >= 0 ? k : -k - 1);
    }

    record Person(String id, PersonProfile profile) {}
}
