package org.touchline.identity.match;

import org.apache.commons.text.similarity.JaroWinklerSimilarity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Names of companies and other organisations, which sources write with or without their legal form, with "&" or
 * "and", abbreviated or spelt out: "ACME Corp. Ltd" and "Acme Corporation" are one firm, "IBM" is "International
 * Business Machines". The name is folded, "&" read as "and", common abbreviations spelt out, and legal forms and a
 * leading "the" dropped before comparing. Levels: exact (after that), one is the other's initials, very similar (word
 * Jaccard at least 0.8 or Jaro-Winkler at least 0.95), similar (0.5 / 0.88), weakly similar (one word in common), else.
 *
 * <p>The word lists are written here: no maintained Java library carries legal forms across jurisdictions (the ISO
 * 20275 entity legal forms list is a CSV of 3,000 forms, most of them full phrases that sources rarely write).
 */
public record OrganisationComparison(String column) implements PreparedComparison<List<String>> {
    private static final JaroWinklerSimilarity JARO_WINKLER = new JaroWinklerSimilarity();
    private static final List<String> LEVELS =
            List.of("null", "exact", "initials", "very-similar", "similar", "weakly-similar", "else");

    /** Legal forms and their abbreviations in English-, German-, French-, Dutch-, Nordic- and Spanish-speaking registries. */
    static final Set<String> LEGAL_FORMS = Set.of("ltd", "limited", "inc", "incorporated", "corp", "corporation", "co",
            "company", "llc", "llp", "lp", "plc", "pty", "pte", "gmbh", "mbh", "ag", "kg", "ug", "se", "sa", "sas", "sarl",
            "srl", "spa", "bv", "nv", "vof", "oy", "oyj", "ab", "as", "asa", "aps", "kk", "sl", "sau", "ltda", "cia",
            "cie", "et", "pllc", "lc", "the");
    /** Abbreviations spelt out, so "Intl Business Machines" and "International Business Machines" agree. */
    static final Map<String, String> ABBREVIATIONS = Map.ofEntries(Map.entry("intl", "international"),
            Map.entry("int", "international"), Map.entry("natl", "national"), Map.entry("mfg", "manufacturing"),
            Map.entry("svcs", "services"), Map.entry("svc", "services"), Map.entry("assoc", "associates"),
            Map.entry("assn", "association"), Map.entry("bros", "brothers"), Map.entry("grp", "group"),
            Map.entry("hldgs", "holdings"), Map.entry("hldg", "holdings"), Map.entry("tech", "technology"),
            Map.entry("techs", "technologies"), Map.entry("sys", "systems"), Map.entry("mgmt", "management"),
            Map.entry("dept", "department"), Map.entry("univ", "university"), Map.entry("inst", "institute"),
            Map.entry("ctr", "center"), Map.entry("centre", "center"), Map.entry("amer", "american"),
            Map.entry("elec", "electric"), Map.entry("ind", "industries"), Map.entry("inds", "industries"),
            Map.entry("dev", "development"), Map.entry("fin", "financial"), Map.entry("ins", "insurance"),
            Map.entry("invt", "investment"), Map.entry("comm", "communications"), Map.entry("labs", "laboratories"),
            Map.entry("lab", "laboratories"), Map.entry("dist", "distribution"), Map.entry("engg", "engineering"),
            Map.entry("eng", "engineering"), Map.entry("prods", "products"), Map.entry("st", "saint"),
            Map.entry("n", "and"));

    @Override public List<String> levels() { return LEVELS; }

    /** The name's significant words joined by spaces; null when nothing but a legal form is left. */
    @Override
    public String normalise(String value) {
        if (value == null) return null;
        String text = Normalise.text(value.replace("&", " and ").replace("+", " and "));
        if (text == null) return null;
        List<String> words = new ArrayList<>();
        String[] raw = text.split(" ");
        for (int i = 0; i < raw.length; i++) {
            String w = ABBREVIATIONS.getOrDefault(raw[i], raw[i]);
            // "co" is a legal form at the end ("Acme Co") but a word inside one ("Co-operative Bank" is folded apart).
            if (LEGAL_FORMS.contains(w) && (i > 0 || raw.length == 1 || w.equals("the"))) continue;
            words.add(w);
        }
        // Dotted initials ("I.B.M.") fold to single letters: join a run of them back into one word.
        List<String> joined = new ArrayList<>();
        StringBuilder initials = new StringBuilder();
        for (String w : words) {
            if (w.length() == 1 && Character.isLetter(w.charAt(0))) {
                initials.append(w);
                continue;
            }
            if (!initials.isEmpty()) joined.add(initials.toString());
            initials.setLength(0);
            joined.add(w);
        }
        if (!initials.isEmpty()) joined.add(initials.toString());
        return joined.isEmpty() ? null : String.join(" ", joined);
    }

    @Override public List<String> prepare(String normalised) { return List.of(normalised.split(" ")); }

    @Override
    public int graded(String x, List<String> wx, String y, List<String> wy) {
        if (initialsOf(wx, wy) || initialsOf(wy, wx)) return 2;
        double jaccard = jaccard(wx, wy);
        double jw = JARO_WINKLER.apply(x, y);
        if (jaccard >= 0.8 || jw >= 0.95) return 3;
        if (jaccard >= 0.5 || jw >= 0.88) return 4;
        if (jaccard > 0) return 5;
        return 6;
    }

    /** Whether {@code short} is one word made of the initials of {@code full}'s words (at least two of them). */
    private static boolean initialsOf(List<String> shortName, List<String> full) {
        if (shortName.size() != 1 || full.size() < 2) return false;
        String s = shortName.get(0);
        if (s.length() != full.size()) {
            // "and" and "of" are often left out of initials: "AT&T", but "BoA" for Bank of America.
            List<String> significant = full.stream().filter(w -> !w.equals("and") && !w.equals("of")).toList();
            if (s.length() != significant.size() || significant.size() < 2) return false;
            full = significant;
        }
        for (int i = 0; i < s.length(); i++) if (full.get(i).charAt(0) != s.charAt(i)) return false;
        return true;
    }

    private static double jaccard(List<String> a, List<String> b) {
        Set<String> sa = Set.copyOf(a), sb = Set.copyOf(b);
        int common = 0;
        for (String t : sa) if (sb.contains(t)) common++;
        int union = sa.size() + sb.size() - common;
        return union == 0 ? 0 : (double) common / union;
    }
}
