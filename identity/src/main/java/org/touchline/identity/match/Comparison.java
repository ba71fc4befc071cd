package org.touchline.identity.match;

import java.util.List;

/**
 * One comparison of a Fellegi-Sunter model (Fellegi and Sunter 1969): it maps the values two records hold in one
 * column to one of a few discrete agreement levels. Level {@link #NULL} means a value is missing on either side; it
 * carries no evidence (weight 0). Levels 1..n go from the strongest agreement to "else" (the last level).
 */
public interface Comparison {
    /** The level for "a value is missing"; it contributes nothing to the match weight. */
    int NULL = 0;
    /** The level for exact agreement; the one that term-frequency adjustment refines. */
    int EXACT = 1;

    /** The column compared. */
    String column();

    /** Labels of the levels, index 0 is "null", the last one is "else". */
    List<String> levels();

    /** The agreement level of two raw values (either may be null or blank): null, exact, or {@link #graded}. */
    default int level(String a, String b) {
        return levelOfNormalised(normalise(a), normalise(b));
    }

    /**
     * The level of two values already {@link #normalise normalised} (either may be null): a run normalises each record
     * once ({@link NormalisedValues}) instead of once per pair it is in.
     */
    default int levelOfNormalised(String x, String y) {
        if (x == null || y == null) return NULL;
        if (x.equals(y)) return EXACT;
        return graded(x, y);
    }

    /** The level of two normalised values that are present and differ: 2 (closest) up to the last, "else". */
    int graded(String x, String y);

    /**
     * The value as compared for exact agreement; also the key of its term frequency. Null when the value is missing.
     */
    String normalise(String value);

    /**
     * The level of two normalised values (either may be null) given what {@link PreparedComparison#prepare} made of
     * each ({@code px}, {@code py}; ignored by other comparisons): {@link #levelOfNormalised} without repeating the
     * per-value work, for runs that prepare each value once and compare it many times.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static int levelOfPrepared(Comparison cmp, String x, Object px, String y, Object py) {
        if (x == null || y == null) return NULL;
        if (x.equals(y)) return EXACT;
        return cmp instanceof PreparedComparison pc ? pc.graded(x, px, y, py) : cmp.graded(x, y);
    }

    /** Number of levels including the null level. */
    default int levelCount() { return levels().size(); }
}
