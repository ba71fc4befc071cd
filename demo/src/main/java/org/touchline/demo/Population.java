package org.touchline.demo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/** Makes the demo company's customers, grouped into households that share an address and often a landline. */
final class Population {
    private Population() {}

    static DemoCustomer[] create(int n, SplittableRandom rng, long windowStart, long windowEnd) {
        DemoCustomer[] out = new DemoCustomer[n];
        Set<String> emails = new HashSet<>();
        Set<String> handles = new HashSet<>();
        int[] landlineNext = new int[DemoData.TOWNS.length];
        int crmNo = 1000 + rng.nextInt(500);
        int household = 0;
        int i = 0;
        while (i < n) {
            double r = rng.nextDouble();
            int size = r < 0.36 ? 1 : r < 0.70 ? 2 : r < 0.88 ? 3 : 4;
            size = Math.min(size, n - i);
            int town = rng.nextInt(DemoData.TOWNS.length);
            DemoData.Town t = DemoData.TOWNS[town];
            String postcode = postcode(rng, t);
            String address = (1 + rng.nextInt(180)) + " " + pick(rng, DemoData.STREETS) + ", " + t.name();
            String landline = rng.nextDouble() < 0.55 ? landline(t, landlineNext[town]++) : null;
            String familyName = pick(rng, DemoData.LAST);
            int first = i;
            // The household's main customer joined first; partners and grown-up children follow, some in the window.
            long hhJoin = joinTime(rng, windowStart, windowEnd);
            for (int m = 0; m < size; m++, i++) {
                boolean female = rng.nextBoolean();
                String fn = female ? pick(rng, DemoData.FIRST_F) : pick(rng, DemoData.FIRST_M);
                String ln = m == 0 || rng.nextDouble() < 0.75 ? familyName : pick(rng, DemoData.LAST);
                int age = m < 2 ? 24 + rng.nextInt(55) : 18 + rng.nextInt(10);
                LocalDate dob = LocalDate.of(2026 - age, 1 + rng.nextInt(12), 1 + rng.nextInt(28));
                String title = female ? (rng.nextDouble() < 0.5 ? "Ms" : rng.nextDouble() < 0.6 ? "Mrs" : "Miss") : (rng.nextDouble() < 0.04 ? "Dr" : "Mr");
                crmNo += 1 + rng.nextInt(9);
                String crmId = String.format(Locale.ROOT, "CRM-%07d", crmNo);
                String account = "ACC-" + (40_000_000 + rng.nextInt(59_999_999));
                String customerId = "u_" + base36(rng, 8);
                String email = age > 75 && rng.nextDouble() < 0.5 ? null : email(rng, fn, ln, dob, emails);
                String mobile = rng.nextDouble() < 0.06 ? null : mobile(i);
                String card = rng.nextDouble() < 0.6 ? "LC-6" + digits(rng, 11) : null;
                String handle = age < 55 && rng.nextDouble() < 0.45 ? handle(rng, fn, ln, handles) : null;
                String device = age < 70 && rng.nextDouble() < 0.6 ? "dv-" + hex(rng, 16) : null;
                String cookie = "ck." + hex(rng, 14);
                double activity = Math.exp(rng.nextGaussian() * 0.7);
                boolean optIn = rng.nextDouble() < 0.68;
                double p = rng.nextDouble();
                char prefers = age > 65 ? (p < 0.5 ? 'p' : p < 0.8 ? 's' : 'w') : (p < 0.6 ? 'w' : p < 0.8 ? 's' : 'p');
                DemoCustomer c = new DemoCustomer(i, household, crmId, account, customerId, title, fn, ln, dob, email, mobile,
                        card, handle, device, cookie, activity, optIn, prefers, town);
                c.landline = landline;
                c.postcode = postcode;
                c.address = address;
                c.plan = DemoData.PLANS[rng.nextInt(DemoData.PLANS.length)].sku();
                c.joinedAt = m == 0 ? hhJoin : rng.nextDouble() < 0.8 ? hhJoin : Math.max(hhJoin, joinTime(rng, windowStart, windowEnd));
                out[i] = c;
            }
            for (int a = first; a < i; a++) {
                List<Integer> others = new ArrayList<>();
                for (int b = first; b < i; b++) if (b != a) others.add(b);
                out[a].members = others.stream().mapToInt(Integer::intValue).toArray();
            }
            household++;
        }
        return out;
    }

    /** About a third of customers join during the window; the rest were customers before it began. */
    private static long joinTime(SplittableRandom rng, long windowStart, long windowEnd) {
        if (rng.nextDouble() < 0.34) return windowStart + (long) (rng.nextDouble() * (windowEnd - windowStart - 30L * 86_400_000L));
        return windowStart - (long) ((30 + rng.nextDouble() * 3000) * 86_400_000L);
    }

    static String postcode(SplittableRandom rng, DemoData.Town t) {
        String letters = "ABDEFGHJLNPQRSTUWXYZ";
        return t.area() + (1 + rng.nextInt(t.districts())) + " " + rng.nextInt(10)
                + letters.charAt(rng.nextInt(letters.length())) + letters.charAt(rng.nextInt(letters.length()));
    }

    /** Landlines from the Ofcom drama ranges of each town (the first thousand numbers of each). */
    private static String landline(DemoData.Town t, int k) {
        String prefix = t.landline();                       // e.g. "0113 496 0"
        return prefix.substring(0, prefix.length() - 1) + String.format(Locale.ROOT, "%04d", k % 10_000);
    }

    /** Mobiles in the 07700 9xxxxx block (07700 900000-900999 is Ofcom's drama range). */
    private static String mobile(int i) {
        return String.format(Locale.ROOT, "07700 9%05d", (i * 7919) % 100_000);
    }

    private static String email(SplittableRandom rng, String fn, String ln, LocalDate dob, Set<String> taken) {
        String f = clean(fn), l = clean(ln);
        for (int attempt = 0; ; attempt++) {
            String local = switch (rng.nextInt(5)) {
                case 0 -> f + "." + l;
                case 1 -> f.charAt(0) + l;
                case 2 -> f + l + (dob.getYear() % 100);
                case 3 -> f + "." + l + (1 + rng.nextInt(99));
                default -> l + f.charAt(0) + (attempt > 0 ? String.valueOf(rng.nextInt(1000)) : "");
            };
            if (attempt > 2) local = local + rng.nextInt(10_000);
            String e = local + "@" + pick(rng, DemoData.DOMAINS);
            if (taken.add(e)) return e;
        }
    }

    private static String handle(SplittableRandom rng, String fn, String ln, Set<String> taken) {
        for (int attempt = 0; ; attempt++) {
            String h = "@" + clean(fn) + (rng.nextBoolean() ? "_" : "") + clean(ln).substring(0, Math.min(3, clean(ln).length()))
                    + (attempt > 0 || rng.nextBoolean() ? String.valueOf(rng.nextInt(100)) : "");
            if (taken.add(h)) return h;
        }
    }

    static String clean(String s) { return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", ""); }

    static <T> T pick(SplittableRandom rng, T[] a) { return a[rng.nextInt(a.length)]; }

    static String digits(SplittableRandom rng, int n) {
        StringBuilder b = new StringBuilder(n);
        for (int k = 0; k < n; k++) b.append((char) ('0' + rng.nextInt(10)));
        return b.toString();
    }

    static String hex(SplittableRandom rng, int n) {
        StringBuilder b = new StringBuilder(n);
        for (int k = 0; k < n; k++) b.append("0123456789abcdef".charAt(rng.nextInt(16)));
        return b.toString();
    }

    static String base36(SplittableRandom rng, int n) {
        StringBuilder b = new StringBuilder(n);
        for (int k = 0; k < n; k++) b.append("0123456789abcdefghijklmnopqrstuvwxyz".charAt(rng.nextInt(36)));
        return b.toString();
    }
}
