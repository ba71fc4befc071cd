package org.touchline.identity.match;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Two product catalogues that list the same products in their own words, from a seeded generator: the first writes
 * "Brand Line Category - MODEL", the second "Brand MO-DEL Line Category" with a hyphen in the model number, sometimes
 * without the line or the model number, and its own price. Every product line comes in several models, so names that
 * share brand, line and category are often different products.
 */
final class SyntheticCatalogues {
    private static final String[] BRANDS = {"Sony", "Canon", "Netgear", "Linksys", "Bose", "Garmin", "Panasonic", "Samsung"};
    private static final String[] CATEGORIES = {"Camera", "Router", "Speaker", "Turntable", "Television", "Printer",
            "Headphones", "Navigator", "Switch", "Microwave"};
    private static final String[] EXTRAS = {"Black", "Silver", "Wireless", "Portable", "Digital", "Compact", "Pro"};

    record Catalogues(List<MatchRecord> records, List<TruthPairs.IdPair> truth) {}

    static Catalogues generate(int products, long seed) {
        Random random = new Random(seed);
        List<MatchRecord> a = new ArrayList<>(), b = new ArrayList<>();
        List<TruthPairs.IdPair> truth = new ArrayList<>();
        String brand = null, line = null, category = null;
        for (int i = 0; i < products; i++) {
            if (i % 4 == 0) { // a new product line every four models
                brand = BRANDS[random.nextInt(BRANDS.length)];
                line = syllables(random);
                category = CATEGORIES[random.nextInt(CATEGORIES.length)];
            }
            String letters = ("" + (char) ('A' + random.nextInt(26)) + (char) ('A' + random.nextInt(26))).toUpperCase();
            String digits = String.valueOf(100 + random.nextInt(900));
            String model = letters + digits + (random.nextBoolean() ? "" : String.valueOf((char) ('A' + random.nextInt(26))));
            double price = 20 + random.nextInt(500);
            a.add(new MatchRecord("a" + i, 0, Map.of("name", brand + " " + line + " " + category + " - " + model,
                    "price", String.format(Locale.ROOT, "$%.2f", price))));
            String hyphenated = model.substring(0, 2) + "-" + model.substring(2);
            String name = brand + (random.nextInt(10) < 8 ? " " + hyphenated : "") + (random.nextInt(10) < 7 ? " " + line : "")
                    + " " + EXTRAS[random.nextInt(EXTRAS.length)] + " " + category;
            b.add(new MatchRecord("b" + i, 1, Map.of("name", name,
                    "price", String.format(Locale.ROOT, "%.2f", price * (0.85 + 0.3 * random.nextDouble())))));
            truth.add(new TruthPairs.IdPair("a" + i, "b" + i));
        }
        List<MatchRecord> all = new ArrayList<>(a);
        all.addAll(b);
        return new Catalogues(all, truth);
    }

    private static String syllables(Random random) {
        String[] s = {"ka", "lo", "mi", "ra", "ten", "vo", "zu", "pex", "dor", "lin", "qua", "sto"};
        String w = s[random.nextInt(s.length)] + s[random.nextInt(s.length)];
        return Character.toUpperCase(w.charAt(0)) + w.substring(1);
    }

    /** The product config shipped in examples/identity, read from the repository. */
    static MatchConfig productsConfig() throws Exception {
        Path dir = Path.of(System.getProperty("maven.multiModuleProjectDirectory", ".."), "examples", "identity");
        if (!Files.isDirectory(dir)) dir = Path.of("..", "examples", "identity");
        return MatchConfig.read(dir.resolve("products.yaml"));
    }

    private SyntheticCatalogues() {}
}
