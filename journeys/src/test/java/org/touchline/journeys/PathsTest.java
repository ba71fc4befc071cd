package org.touchline.journeys;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PathsTest {
    private static final TouchFilter BUY = TouchFilter.stage(Stage.DECISION);

    private static Tables buyers(int n) {
        Tables t = Tables.of();
        for (int c = 0; c < n; c++) {
            String id = "c" + c;
            t.add(id, 0, "email", "email_sent").add(id, 10, "web", "page_view").add(id, 20, "web", "product_view")
                    .add(id, 30, "web", "order_placed").add(id, 40, "call_centre", "technical_support");
        }
        return t;
    }

    @Test
    void theMostCommonPathListsStagesBeforeAndAfterTheAnchor() {
        PathResult r = new Paths(buyers(6).build()).run(PathQuery.around(BUY));
        assertThat(r.anchored()).isEqualTo(6);
        PathResult.Path p = r.top().get(0);
        assertThat(p.before()).containsExactly("awareness", "interest");
        assertThat(p.anchor()).isEqualTo("decision");
        assertThat(p.after()).containsExactly("support");
        assertThat(p.units()).isEqualTo(6);
        assertThat(p.share()).isEqualTo(1.0);
    }

    @Test
    void withoutCollapsingEachTouchIsAStep() {
        PathResult r = new Paths(buyers(6).build()).run(PathQuery.around(BUY).collapseRepeats(false));
        assertThat(r.top().get(0).before()).containsExactly("awareness", "interest", "interest");
    }

    @Test
    void touchesOutsideTheWindowAreNotOnThePath() {
        PathResult r = new Paths(buyers(6).build()).run(PathQuery.around(BUY).window(Duration.ofSeconds(15)));
        assertThat(r.top().get(0).before()).containsExactly("interest");
    }

    @Test
    void theDepthKeepsTheTouchesNearestTheAnchor() {
        PathResult r = new Paths(buyers(6).build()).run(PathQuery.around(BUY).collapseRepeats(false).depth(1)
                .direction(PathQuery.Direction.BEFORE));
        assertThat(r.top().get(0).before()).containsExactly("interest");
        assertThat(r.top().get(0).after()).isEmpty();
    }

    @Test
    void pathsByChannelLabelEachTouchWithItsChannel() {
        PathResult r = new Paths(buyers(6).build()).run(PathQuery.around(BUY).by(PathQuery.By.CHANNEL));
        assertThat(r.top().get(0).before()).containsExactly("email", "web");
        assertThat(r.top().get(0).anchor()).isEqualTo("web");
        assertThat(r.top().get(0).after()).containsExactly("call_centre");
    }

    @Test
    void theSankeyLinksEachPositionToTheNextWithTheirUnits() {
        PathResult r = new Paths(buyers(6).build()).run(PathQuery.around(BUY));
        assertThat(r.sankey().links()).containsExactly(
                new PathResult.Link("-2 awareness", "-1 interest", 6),
                new PathResult.Link("-1 interest", "0 decision", 6),
                new PathResult.Link("0 decision", "+1 support", 6));
        assertThat(r.sankey().nodes()).extracting(PathResult.Node::depth).containsExactly(2, 3, 4, 5);
    }

    @Test
    void pathsAndLinksOfFewerUnitsThanTheMinimumAreLeftOut() {
        Tables t = buyers(6).add("odd", 0, "social", "social_ad_click").add("odd", 5, "store", "purchase");
        PathResult r = new Paths(t.build()).run(PathQuery.around(BUY));
        assertThat(r.anchored()).isEqualTo(7);
        assertThat(r.top()).hasSize(1);
        assertThat(r.otherUnits()).isNull();     // one unit: suppressed
        assertThat(r.sankey().links()).extracting(PathResult.Link::value).containsOnly(6L);
    }

    @Test
    void eachUnitIsAnchoredAtItsFirstMatch() {
        Tables t = Tables.of().add("a", 0, "web", "order_placed").add("a", 10, "web", "page_view").add("a", 20, "web", "order_placed");
        PathResult r = new Paths(t.build()).run(PathQuery.around(BUY).minimumCount(1));
        assertThat(r.top()).containsExactly(new PathResult.Path(List.of(), "decision", List.of("interest", "decision"), 1, 1.0));
    }
}
