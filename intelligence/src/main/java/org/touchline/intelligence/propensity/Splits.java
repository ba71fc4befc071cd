package org.touchline.intelligence.propensity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

/**
 * Honest splits: by group (a customer's rows all land on one side), by time (train strictly before the cutoff), and
 * k folds by group for cross-validation. Randomness is seeded, and groups are sorted before shuffling so the result
 * does not depend on the order of the input.
 */
public final class Splits {
    private Splits() {
    }

    /** Puts about {@code testFraction} of the groups (not rows) in the test part. */
    public static Split byGroup(List<Example> examples, double testFraction, long seed) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("testFraction must be in (0, 1), was " + testFraction);
        }
        List<String> groups = shuffledGroups(examples, seed);
        int testGroups = (int) Math.round(groups.size() * testFraction);
        if (testGroups == 0 || testGroups == groups.size()) {
            throw new IllegalArgumentException("cannot split " + groups.size() + " groups with test fraction " + testFraction);
        }
        var inTest = new TreeSet<>(groups.subList(0, testGroups));
        List<Example> train = new ArrayList<>();
        List<Example> test = new ArrayList<>();
        for (Example e : examples) {
            (inTest.contains(e.group()) ? test : train).add(e);
        }
        return new Split(train, test);
    }

    /**
     * Trains on rows described before {@code cutoff} and tests on rows at or after it. A group may appear on both
     * sides (its past and its future): that is the point of a time split, and features are point-in-time.
     */
    public static Split byTime(List<Example> examples, Instant cutoff) {
        List<Example> train = new ArrayList<>();
        List<Example> test = new ArrayList<>();
        for (Example e : examples) {
            (e.asOf().isBefore(cutoff) ? train : test).add(e);
        }
        return new Split(train, test);
    }

    /** {@code k} splits whose test parts partition the examples by group; each group is tested exactly once. */
    public static List<Split> foldsByGroup(List<Example> examples, int k, long seed) {
        List<String> groups = shuffledGroups(examples, seed);
        if (k < 2 || k > groups.size()) {
            throw new IllegalArgumentException("k must be in [2, " + groups.size() + "] (number of groups), was " + k);
        }
        Map<String, Integer> foldOf = new HashMap<>();
        for (int i = 0; i < groups.size(); i++) {
            foldOf.put(groups.get(i), i % k);
        }
        List<Split> folds = new ArrayList<>();
        for (int fold = 0; fold < k; fold++) {
            List<Example> train = new ArrayList<>();
            List<Example> test = new ArrayList<>();
            for (Example e : examples) {
                (foldOf.get(e.group()) == fold ? test : train).add(e);
            }
            folds.add(new Split(train, test));
        }
        return folds;
    }

    private static List<String> shuffledGroups(List<Example> examples, long seed) {
        var sorted = new TreeSet<String>();
        for (Example e : examples) {
            sorted.add(e.group());
        }
        List<String> groups = new ArrayList<>(sorted);
        Collections.shuffle(groups, new Random(seed));
        return groups;
    }
}
