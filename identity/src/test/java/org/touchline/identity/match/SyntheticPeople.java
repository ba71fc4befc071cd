package org.touchline.identity.match;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** A small seeded generator of person records with duplicates carrying realistic typos, for matcher tests. */
final class SyntheticPeople {
    static final String[] GIVEN = {"james", "mary", "john", "patricia", "robert", "jennifer", "michael", "linda",
            "william", "elizabeth", "david", "barbara", "richard", "susan", "joseph", "jessica", "thomas", "sarah",
            "charles", "karen", "lachlan", "deakin", "courtney", "michaela", "isabella", "oliver", "chloe", "harrison"};
    static final String[] SURNAME = {"smith", "jones", "williams", "brown", "wilson", "taylor", "johnson", "white",
            "martin", "anderson", "thompson", "nguyen", "thomas", "walker", "harris", "lee", "ryan", "robinson",
            "kelly", "king", "waller", "berry", "sondergeld", "neumann", "painter", "green", "mackay", "poosala",
            "palpanas", "cochrane", "ioannidis", "weske", "vossen", "bouguettaya", "benatallah", "hendra"};
    static final String[] STREET = {"tullaroop street", "giblin street", "goldfinch circuit", "stanley street",
            "pinkerton circuit", "salkauskas crescent", "main road", "high street", "church lane", "park avenue"};

    /** A generated data set: the records and, for each record, the entity it belongs to. */
    record People(List<MatchRecord> records, int[] entity) {}

    static People generate(int originals, int duplicates, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<MatchRecord> records = new ArrayList<>();
        List<Integer> entity = new ArrayList<>();
        List<Map<String, String>> people = new ArrayList<>();
        for (int i = 0; i < originals; i++) {
            Map<String, String> p = Map.of(
                    "given_name", pick(r, GIVEN), "surname", pick(r, SURNAME),
                    "address", (1 + r.nextInt(200)) + " " + pick(r, STREET),
                    "postcode", String.valueOf(2000 + r.nextInt(3000)),
                    "date_of_birth", String.format("%04d%02d%02d", 1920 + r.nextInt(85), 1 + r.nextInt(12), 1 + r.nextInt(28)),
                    "phone", "04" + (10_000_000 + r.nextInt(89_999_999)));
            people.add(p);
            records.add(new MatchRecord("p" + i + "-org", 0, p));
            entity.add(i);
        }
        for (int d = 0; d < duplicates; d++) {
            int i = r.nextInt(originals);
            Map<String, String> p = new HashMap<>(people.get(i));
            int errors = 1 + r.nextInt(3);
            for (int e = 0; e < errors; e++) {
                String field = List.of("given_name", "surname", "address", "postcode", "date_of_birth", "phone").get(r.nextInt(6));
                p.put(field, typo(r, p.get(field)));
            }
            if (r.nextInt(10) == 0) p.remove("phone");
            records.add(new MatchRecord("p" + i + "-dup-" + d, 0, p));
            entity.add(i);
        }
        return new People(records, entity.stream().mapToInt(Integer::intValue).toArray());
    }

    static String typo(SplittableRandom r, String s) {
        if (s.length() < 2) return s + "x";
        int i = r.nextInt(s.length() - 1);
        char[] c = s.toCharArray();
        switch (r.nextInt(3)) {
            case 0 -> { char t = c[i]; c[i] = c[i + 1]; c[i + 1] = t; return new String(c); }
            case 1 -> { return s.substring(0, i) + s.substring(i + 1); }
            default -> { c[i] = Character.isDigit(c[i]) ? (char) ('0' + r.nextInt(10)) : (char) ('a' + r.nextInt(26)); return new String(c); }
        }
    }

    private static String pick(SplittableRandom r, String[] a) { return a[r.nextInt(a.length)]; }
}
