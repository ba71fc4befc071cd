package org.touchline.demo;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes one source system's export file, one record per interaction, in that system's own format, codes,
 * identifiers and habits (how it writes phones, how often a field is left empty or mistyped). About 0.3% of records
 * are deliberately broken the way real exports are, so the dead-letter queue has something to show.
 */
abstract class SourceWriter implements Closeable {
    static final double BROKEN = 0.003;
    static final DateTimeFormatter LONDON_ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(Journeys.LONDON);
    static final DateTimeFormatter UTC_ISO_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    final Src src;
    final Path file;
    final long seed;
    final SplittableRandom r;
    final BufferedWriter out;
    final StringBuilder b = new StringBuilder(512);
    long records;
    long broken;

    SourceWriter(Src src, Path dir, long seed) throws IOException {
        this.src = src;
        this.file = dir.resolve(src.id + "." + src.ext);
        this.seed = seed;
        this.r = new SplittableRandom(mix(seed, 0x5EED_0000L + src.ordinal(), 17));
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }

    /** Writes the record for one interaction. */
    final void write(DemoEvent e) throws IOException {
        b.setLength(0);
        boolean bad = r.nextDouble() < BROKEN;
        format(e, bad);
        if (bad) broken++;
        out.write(b.toString());
        records++;
    }

    abstract void format(DemoEvent e, boolean broken);

    void footer() throws IOException { }

    @Override public void close() throws IOException {
        footer();
        out.close();
    }

    // ---- habits shared by several sources ------------------------------------------------------------------------

    /** A value from 0 to 1 fixed for (seed, customer, salt): a habit that sticks, like a typo in one system's record. */
    static double habit(long seed, long customer, long salt) {
        return (mix(seed, customer, salt) >>> 11) * 0x1.0p-53;
    }

    static long mix(long seed, long a, long b) {
        long z = seed * 0x9E3779B97F4A7C15L + a * 0xBF58476D1CE4E5B9L + b * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The customer's email as this source holds it: in about 3% of customers' records it was mistyped at entry. */
    String email(DemoCustomer c, double typoRate) {
        if (c.email == null) return null;
        double h = habit(seed, c.idx, 1000 + src.ordinal());
        if (h >= typoRate) return c.email;
        return mistype(c.email, (int) (h * 1_000_000));
    }

    static String mistype(String email, int k) {
        int at = email.indexOf('@');
        String local = email.substring(0, at), domain = email.substring(at + 1);
        switch (k % 3) {
            case 0 -> {
                for (String[] t : DemoData.DOMAIN_TYPOS) if (t[0].equals(domain)) return local + "@" + t[1];
                return local + "@" + domain.replaceFirst("\\.", "");
            }
            case 1 -> {
                if (local.length() < 3) return local + local.charAt(0) + "@" + domain;
                int i = 1 + (k / 3) % (local.length() - 2);
                return local.substring(0, i) + local.charAt(i + 1) + local.charAt(i) + local.substring(i + 2) + "@" + domain;
            }
            default -> {
                return local.replace(".", "") + "1@" + domain;
            }
        }
    }

    /** An account number as an agent typed it: mostly right, sometimes lower case or with one digit wrong. */
    String typedAccount(String account) {
        double x = r.nextDouble();
        if (x < 0.025) {
            char[] a = account.toCharArray();
            int i = 4 + r.nextInt(a.length - 4);
            a[i] = (char) ('0' + (a[i] - '0' + 1 + r.nextInt(9)) % 10);
            return new String(a);
        }
        if (x < 0.05) return account.toLowerCase(Locale.ROOT);
        return account;
    }

    /** A UK national number ("07700 900123") in one of the ways systems write it. */
    static String phone(String national, int style) {
        if (national == null) return null;
        String digits = national.replace(" ", "");
        return switch (style) {
            case 0 -> national;                                        // 07700 900123
            case 1 -> digits;                                          // 07700900123
            case 2 -> "+44" + digits.substring(1);                     // +447700900123
            case 3 -> "+44 " + national.substring(1);                  // +44 7700 900123
            case 4 -> "0044" + digits.substring(1);                    // 00447700900123
            default -> "44" + digits.substring(1);                     // 447700900123
        };
    }

    /** A record id that looks random but never repeats: the counter through a bijection of 48 bits. */
    static String opaqueId(long counter) {
        long x = ((counter + 1) * 0x9E3779B97F4BL) & 0xFFFF_FFFF_FFFFL;
        return String.format(Locale.ROOT, "%012x", x);
    }

    // ---- CSV, XML and JSON text ----------------------------------------------------------------------------------

    void csv(String v, char delimiter, boolean last) {
        if (v != null) {
            if (v.indexOf(delimiter) >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0) {
                b.append('"').append(v.replace("\"", "\"\"")).append('"');
            } else b.append(v);
        }
        b.append(last ? '\n' : delimiter);
    }

    void xml(String indent, String element, String v) {
        if (v == null) return;
        b.append(indent).append('<').append(element).append('>');
        escapeXml(v);
        b.append("</").append(element).append(">\n");
    }

    void escapeXml(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> b.append(c);
            }
        }
    }

    /** Appends "name":"value" (with a leading comma unless first), skipping nulls. */
    void json(String name, String v) {
        if (v == null) return;
        comma();
        jsonString(name);
        b.append(':');
        jsonString(v);
    }

    void json(String name, long v) {
        comma();
        jsonString(name);
        b.append(':').append(v);
    }

    void jsonOpen(String name) {
        comma();
        jsonString(name);
        b.append(":{");
    }

    void jsonArray(String name, String[] values) {
        if (values == null) return;
        comma();
        jsonString(name);
        b.append(":[");
        for (int i = 0; i < values.length; i++) {
            if (i > 0) b.append(',');
            jsonString(values[i]);
        }
        b.append(']');
    }

    private void comma() {
        char last = b.length() == 0 ? '{' : b.charAt(b.length() - 1);
        if (last != '{' && last != '[') b.append(',');
    }

    void jsonString(String v) {
        b.append('"');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    else b.append(c);
                }
            }
        }
        b.append('"');
    }
}
