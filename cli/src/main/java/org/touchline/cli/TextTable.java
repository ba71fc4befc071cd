package org.touchline.cli;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A table for the terminal: columns as wide as their widest cell, numbers right-aligned, "-" for a missing cell. */
final class TextTable {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    TextTable(String... header) { this.header = List.of(header); }

    TextTable row(Object... cells) {
        List<String> r = new ArrayList<>();
        for (Object c : cells) r.add(c == null ? "-" : c.toString());
        rows.add(r);
        return this;
    }

    void print(PrintStream out) {
        int[] w = new int[header.size()];
        for (int k = 0; k < w.length; k++) w[k] = header.get(k).length();
        for (List<String> r : rows) for (int k = 0; k < w.length && k < r.size(); k++) w[k] = Math.max(w[k], r.get(k).length());
        line(out, header, w);
        StringBuilder rule = new StringBuilder();
        for (int k = 0; k < w.length; k++) rule.append(k == 0 ? "" : "  ").append("-".repeat(w[k]));
        out.println(rule);
        for (List<String> r : rows) line(out, r, w);
    }

    private static void line(PrintStream out, List<String> cells, int[] w) {
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < w.length; k++) {
            String c = k < cells.size() ? cells.get(k) : "";
            boolean number = c.matches("-?[\\d,.]+( ?[%hd])?\\*?");   // a trailing * marks a figure still running
            if (k > 0) b.append("  ");
            b.append(number ? " ".repeat(w[k] - c.length()) + c : c + " ".repeat(w[k] - c.length()));
        }
        out.println(b.toString().stripTrailing());
    }

    /** A duration in seconds as hours or days, for people. */
    static String duration(Long seconds) {
        if (seconds == null) return null;
        if (seconds < 48 * 3600) return String.format(Locale.ROOT, "%.1f h", seconds / 3600.0);
        return String.format(Locale.ROOT, "%.1f d", seconds / 86400.0);
    }

    /**
     * A number for people: whole numbers with thousands separators, others to three significant decimals at most
     * (5.240972222222222 is 5.24). Exact values are what --json is for.
     */
    static String number(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) return Double.toString(v);
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return String.format(Locale.ROOT, "%,d", (long) v);
        BigDecimal d = new BigDecimal(v).round(new MathContext(Math.abs(v) >= 1000 ? 7 : 3));
        return String.format(Locale.ROOT, Math.abs(v) >= 1000 ? "%,.1f" : "%s", Math.abs(v) >= 1000 ? d.doubleValue() : d.stripTrailingZeros().toPlainString());
    }

    /** A value that may be a number written in full ("5.240972222222222"): as {@link #number(double)}, else as it is. */
    static String number(String value) {
        if (value == null || !value.matches("-?\\d+(\\.\\d+)?([eE]-?\\d+)?")) return value;
        return number(Double.parseDouble(value));
    }

    static String percent(Double share) {
        return share == null ? null : String.format(Locale.ROOT, "%.1f%%", share * 100);
    }
}
