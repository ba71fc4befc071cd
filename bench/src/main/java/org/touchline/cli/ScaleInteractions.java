package org.touchline.cli;

import org.touchline.domain.Identifier;
import org.touchline.domain.Interaction;
import org.touchline.domain.InteractionJson;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Interactions of a company of any size for the scale benchmark, generated without holding the population: customer
 * {@code c}'s identifiers are a function of {@code c} alone, so ten million lines over two million customers take no
 * memory (the demo company simulates every customer's life in memory, which fits hundreds of thousands). Each line is
 * one customer's interaction in a channel, carrying the identifiers that channel knows (a call: the phone, sometimes
 * the account; the web: the email and the login...), so identity resolution links each customer's identifiers as the
 * channels meet. Deterministic per seed: line {@code k} is the same in every run.
 */
final class ScaleInteractions {
    private static final String[] CHANNELS = {"call_centre", "web", "store", "email", "app", "chat"};
    private static final String[] TYPES = {"enquiry", "purchase", "complaint", "enquiry", "order_placed", "enquiry"};
    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
    private final int customers;
    private final long seed;

    ScaleInteractions(int customers, long seed) {
        if (customers < 1) throw new IllegalArgumentException("customers must be at least 1, got " + customers);
        this.customers = customers;
        this.seed = seed;
    }

    /** Writes lines {@code [from, to)} as Interaction v1 NDJSON. */
    void write(Path file, long from, long to) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (long k = from; k < to; k++) {
                out.write(InteractionJson.toJson(interaction(k)).toString());
                out.write('\n');
            }
        }
    }

    /** Line {@code k}: which customer, in which channel, when, with what they were known by there. */
    Interaction interaction(long k) {
        SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + k);
        int c = r.nextInt(customers);
        int channel = r.nextInt(CHANNELS.length);
        List<Identifier> ids = new ArrayList<>(3);
        switch (channel) {
            case 0 -> {
                ids.add(phone(c));
                if (r.nextInt(3) == 0) ids.add(account(c));
            }
            case 1 -> {
                ids.add(email(c));
                if (r.nextBoolean()) ids.add(new Identifier("customer_id", "u" + Long.toString(mix(c, 2), 36)));
            }
            case 2 -> {
                ids.add(new Identifier("loyalty_card", String.format(Locale.ROOT, "LC-%012d", mix(c, 3) % 1_000_000_000_000L)));
                if (r.nextBoolean()) ids.add(phone(c));
            }
            case 3 -> ids.add(email(c));
            case 4 -> {
                ids.add(new Identifier("customer_id", "u" + Long.toString(mix(c, 2), 36)));
                if (r.nextInt(4) == 0) ids.add(account(c));
            }
            default -> {
                ids.add(email(c));
                if (r.nextInt(3) == 0) ids.add(phone(c));
            }
        }
        String text = r.nextInt(4) == 0 ? "customer " + (r.nextBoolean() ? "asked about their bill" : "reported a fault on the line") : null;
        Integer rating = channel == 5 && r.nextInt(3) == 0 ? 1 + r.nextInt(5) : null;
        Instant at = START.plusSeconds(k * 2 + r.nextInt(2));
        return new Interaction(null, "scale-" + CHANNELS[channel], "S" + k, at, CHANNELS[channel], TYPES[channel], ids, List.of(),
                null, List.of(), text, rating, Map.of());
    }

    /** The email customer {@code c} is known by: a way to find them again (the benchmark's identifier lookups). */
    static Identifier email(int c) { return new Identifier("email", "c" + c + "." + Long.toString(mix(c, 1), 36) + "@example.com"); }

    static Identifier phone(int c) { return new Identifier("phone", String.format(Locale.ROOT, "+447%09d", c)); }

    static Identifier account(int c) { return new Identifier("account", String.format(Locale.ROOT, "ACC-%09d", c)); }

    /** A well-spread non-negative number from a customer and a purpose (SplitMix64's finaliser). */
    private static long mix(long c, long salt) {
        long z = c * 0x9E3779B97F4A7C15L + salt;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return (z ^ (z >>> 31)) >>> 1;
    }
}
