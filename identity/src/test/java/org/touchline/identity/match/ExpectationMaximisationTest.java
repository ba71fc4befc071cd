package org.touchline.identity.match;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** EM recovers known m, u and λ from unlabelled comparison vectors drawn from a Fellegi-Sunter model. */
class ExpectationMaximisationTest {
    private static final List<Comparison> COMPARISONS = List.of(new NameComparison("given"), new NameComparison("surname"),
            new DateComparison("dob"), new PostcodeComparison("postcode"), new CodeComparison("id"));

    @ParameterizedTest
    @ValueSource(longs = {1, 42, 1969})
    void recoversMUAndLambdaWithoutLabels(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] m = new double[COMPARISONS.size()][], u = new double[COMPARISONS.size()][];
        for (int c = 0; c < COMPARISONS.size(); c++) {
            int levels = COMPARISONS.get(c).levelCount();
            m[c] = randomDistribution(r, levels, true);
            u[c] = randomDistribution(r, levels, false);
        }
        double lambda = 0.05 + r.nextDouble() * 0.25;
        int pairs = 100_000;
        List<int[]> vectors = new ArrayList<>();
        for (int p = 0; p < pairs; p++) {
            double[][] dist = r.nextDouble() < lambda ? m : u;
            int[] g = new int[COMPARISONS.size()];
            for (int c = 0; c < g.length; c++) g[c] = r.nextInt(20) == 0 ? Comparison.NULL : draw(r, dist[c]);
            vectors.add(g);
        }
        // Start from u as a random-pair sample would give it: the truth blurred a little.
        double[][] u0 = new double[u.length][];
        for (int c = 0; c < u.length; c++) {
            u0[c] = u[c].clone();
            for (int l = 1; l < u0[c].length; l++) u0[c][l] *= 0.8 + 0.4 * r.nextDouble();
        }
        ExpectationMaximisation.Fit fit = new ExpectationMaximisation(500, 1e-8)
                .fit(COMPARISONS, LevelPatterns.of(vectors), u0, 0.1);
        MatchModel model = fit.model();
        assertThat(model.lambda()).isCloseTo(lambda, within(0.01));
        for (int c = 0; c < COMPARISONS.size(); c++) {
            for (int l = 1; l < m[c].length; l++) {
                assertThat(model.m(c, l)).as("m[%d][%d]", c, l).isCloseTo(m[c][l], within(0.03));
                assertThat(model.u(c, l)).as("u[%d][%d]", c, l).isCloseTo(u[c][l], within(0.02));
            }
        }
    }

    /** m puts most mass on agreement, u on the last level ("else"). */
    private static double[] randomDistribution(SplittableRandom r, int levels, boolean match) {
        double[] d = new double[levels];
        double total = 0;
        for (int l = 1; l < levels; l++) {
            boolean heavy = match ? l == 1 : l == levels - 1;
            d[l] = (heavy ? 8 : 0.2) + r.nextDouble() * (heavy ? 4 : 1);
            total += d[l];
        }
        for (int l = 1; l < levels; l++) d[l] /= total;
        return d;
    }

    private static int draw(SplittableRandom r, double[] dist) {
        double x = r.nextDouble(), acc = 0;
        for (int l = 1; l < dist.length; l++) {
            acc += dist[l];
            if (x < acc) return l;
        }
        return dist.length - 1;
    }
}
