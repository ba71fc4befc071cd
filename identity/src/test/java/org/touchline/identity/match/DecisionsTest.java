package org.touchline.identity.match;

import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DecisionsTest {
    @Test
    void thresholdsRouteToLinkReviewOrNone() {
        Thresholds t = new Thresholds(0.9, 0.5);
        assertThat(t.route(0.95)).isEqualTo(Decision.LINK);
        assertThat(t.route(0.9)).isEqualTo(Decision.LINK);
        assertThat(t.route(0.7)).isEqualTo(Decision.REVIEW);
        assertThat(t.route(0.5)).isEqualTo(Decision.REVIEW);
        assertThat(t.route(0.49)).isEqualTo(Decision.NO_LINK);
        assertThatThrownBy(() -> new Thresholds(0.4, 0.5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void weightsAddUpAndMissingValuesCountZero() {
        List<Comparison> cmp = List.of(new NameComparison("surname"), new DateComparison("dob"));
        double[][] m = {{0, 0.9, 0.05, 0.02, 0.02, 0.01}, {0, 0.9, 0.02, 0.05, 0.01, 0.02}};
        double[][] u = {{0, 0.01, 0.01, 0.02, 0.05, 0.91}, {0, 0.001, 0.0001, 0.001, 0.0005, 0.9974}};
        MatchModel model = new MatchModel(cmp, m, u, 0.01, Map.of());
        MatchRecord a = new MatchRecord("a", 0, Map.of("surname", "smith", "dob", "19600210"));
        MatchRecord b = new MatchRecord("b", 0, Map.of("surname", "smith", "dob", "19600210"));
        MatchRecord c = new MatchRecord("c", 0, Map.of("surname", "smith"));
        MatchScore both = model.score(a, b);
        double expected = Math.log(0.01 / 0.99) / Math.log(2) + Math.log(90) / Math.log(2) + Math.log(900) / Math.log(2);
        assertThat(both.weight()).isCloseTo(expected, Assertions.within(1e-9));
        assertThat(both.probability()).isGreaterThan(0.99);
        MatchScore missing = model.score(a, c);
        assertThat(missing.levels()[1]).isEqualTo(Comparison.NULL);
        assertThat(missing.contributions()[1]).isZero();
        assertThat(missing.explain(cmp)).containsExactly("surname=exact(+6.49)", "dob=null(+0.00)");
    }

    @Test
    void commonValuesCountLessThanRareOnes() {
        List<Comparison> cmp = List.of(new NameComparison("surname"));
        List<MatchRecord> records = new ArrayList<>();
        for (int i = 0; i < 90; i++) records.add(new MatchRecord("s" + i, 0, Map.of("surname", "smith")));
        for (int i = 0; i < 10; i++) records.add(new MatchRecord("r" + i, 0, Map.of("surname", "rare" + (char) ('a' + i))));
        double[][] m = {{0, 0.9, 0.05, 0.02, 0.02, 0.01}};
        double[][] u = {{0, 0.05, 0.01, 0.02, 0.05, 0.87}};
        MatchModel model = new MatchModel(cmp, m, u, 0.01, Map.of(0, TermFrequencies.count(cmp.get(0), records)));
        double smith = model.score(records.get(0), records.get(1)).weight();
        double rare = model.score(records.get(90), new MatchRecord("x", 0, Map.of("surname", "rarea"))).weight();
        assertThat(rare).isGreaterThan(smith + 3);
    }

    @Test
    void connectedComponentsClusterLinks() {
        ConnectedComponents cc = new ConnectedComponents(6);
        cc.union(0, 1);
        cc.union(1, 2);
        cc.union(4, 5);
        int[] labels = cc.labels();
        assertThat(labels[0]).isEqualTo(labels[2]);
        assertThat(labels[3]).isNotEqualTo(labels[0]).isNotEqualTo(labels[4]);
        assertThat(labels[4]).isEqualTo(labels[5]);
    }
}
