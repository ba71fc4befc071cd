package org.touchline.journeys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JsonTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void everyResultSerialisesAsPlainJsonWithoutCustomerIds() throws Exception {
        TouchTable t = RandomTables.table(11, 300, 20_000);
        JourneyAnalytics a = new JourneyAnalytics(t);
        Object[] results = {a.funnel(RandomTables.funnel().withSplit(Split.SEGMENT)), a.paths(PathQuery.around(TouchFilter.stage(Stage.DECISION))),
                a.flow(FlowQuery.all()), a.journeys(JourneyQuery.all()), a.product(ProductQuery.of("P1")), a.coChurn(CoChurnQuery.churn()),
                a.cohorts(CohortQuery.by(CohortQuery.By.PRODUCT))};
        for (Object r : results) {
            String s = json.writeValueAsString(r);
            assertThat(s).as(r.getClass().getSimpleName()).doesNotContain("cust-");
            JsonNode back = json.readTree(s);
            assertThat(back.isObject()).isTrue();
        }
        assertThat(json.readTree(json.writeValueAsString(results[2])).at("/cycleTimes/0/stage").asText()).isEqualTo("awareness");
    }

    @Test
    void aSankeyIsShapedForECharts() throws Exception {
        PathResult p = new Paths(RandomTables.table(11, 300, 20_000)).run(PathQuery.around(TouchFilter.stage(Stage.DECISION)));
        JsonNode n = json.readTree(json.writeValueAsString(p.sankey()));
        assertThat(n.at("/nodes/0/name").isTextual()).isTrue();
        assertThat(n.at("/links/0/source").isTextual()).isTrue();
        assertThat(n.at("/links/0/value").isNumber()).isTrue();
    }

    @Test
    void aFunnelStepGivenAsAStageNameIsTheStepOfThatStage() throws Exception {
        FunnelQuery shorthand = QueryJson.funnel(json.readTree("{\"steps\": [\"interest\", \"decision\"], \"windowDays\": 14}"));
        FunnelQuery full = QueryJson.funnel(json.readTree("{\"steps\": [{\"name\": \"interest\", \"stages\": [\"interest\"]},"
                + " {\"name\": \"decision\", \"stages\": [\"decision\"], \"windowDays\": 14}]}"));
        assertThat(shorthand).isEqualTo(full);
    }
}
