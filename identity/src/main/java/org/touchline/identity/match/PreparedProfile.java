package org.touchline.identity.match;

import java.util.List;

/**
 * A {@link PersonProfile} as a {@link PersonMatchModel} compares it: for each of the model's comparisons, the profile's
 * values in that column normalised, and prepared where the comparison prepares them ({@link PreparedComparison}:
 * the Double Metaphone codes of a name, the tokens of an address). Scoring a pair from two prepared profiles gives
 * exactly {@link PersonMatchModel#score(PersonProfile, PersonProfile)}, without the per-value work: a batch run prepares
 * each member of a block once and scores it against every other member (a block of 60 is 1,770 pairs), where the
 * per-value work was most of the time of a pair. Made by {@link PersonMatchModel#prepare}.
 */
public final class PreparedProfile {
    /** Per comparison, the normalised values (null where a value normalises to nothing). */
    private final String[][] values;
    /** Per comparison, what {@link PreparedComparison#prepare} made of each value; null for other comparisons. */
    private final Object[][] forms;

    private PreparedProfile(String[][] values, Object[][] forms) {
        this.values = values;
        this.forms = forms;
    }

    static PreparedProfile of(List<Comparison> comparisons, PersonProfile.Values v) {
        String[][] values = new String[comparisons.size()][];
        Object[][] forms = new Object[comparisons.size()][];
        for (int c = 0; c < values.length; c++) {
            Comparison cmp = comparisons.get(c);
            List<String> raw = v.of(cmp.column());
            String[] normalised = new String[raw.size()];
            for (int i = 0; i < normalised.length; i++) normalised[i] = cmp.normalise(raw.get(i));
            values[c] = normalised;
            if (cmp instanceof PreparedComparison<?> pc) {
                Object[] f = new Object[normalised.length];
                for (int i = 0; i < f.length; i++) if (normalised[i] != null) f[i] = pc.prepare(normalised[i]);
                forms[c] = f;
            }
        }
        return new PreparedProfile(values, forms);
    }

    /**
     * Comparison levels against {@code other}; where a column holds several values (emails, phones), the best level
     * over all their pairs, as {@link PersonMatchModel} has always taken it.
     */
    int[] levels(List<Comparison> comparisons, PreparedProfile other) {
        int[] out = new int[comparisons.size()];
        for (int c = 0; c < out.length; c++) {
            Comparison cmp = comparisons.get(c);
            String[] xs = values[c], ys = other.values[c];
            Object[] px = forms[c], py = other.forms[c];
            int best = Comparison.NULL;
            for (int i = 0; i < xs.length; i++)
                for (int j = 0; j < ys.length; j++) {
                    int level = Comparison.levelOfPrepared(cmp, xs[i], px == null ? null : px[i], ys[j], py == null ? null : py[j]);
                    if (level != Comparison.NULL && (best == Comparison.NULL || level < best)) best = level;
                }
            out[c] = best;
        }
        return out;
    }
}
