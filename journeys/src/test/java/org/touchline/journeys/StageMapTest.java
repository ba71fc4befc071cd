package org.touchline.journeys;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StageMapTest {
    private static StageMap load(String yaml) throws Exception {
        return StageMap.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yaml");
    }

    @Test
    void theFirstMatchingRuleWins() throws Exception {
        StageMap m = load("""
                default: support
                rules:
                  - { channel: store, type: purchase, stage: decision }
                  - { type: purchase, stage: upsell }
                """);
        assertThat(m.stageOf("store", "purchase", "pos")).isEqualTo(Stage.DECISION);
        assertThat(m.stageOf("web", "purchase", "digital")).isEqualTo(Stage.UPSELL_CROSS_SELL);
    }

    @Test
    void aStarOrAMissingFieldMatchesAnything() throws Exception {
        StageMap m = load("""
                default: support
                rules:
                  - { channel: '*', source: social, stage: advocacy }
                """);
        assertThat(m.stageOf("social", "anything", "social")).isEqualTo(Stage.ADVOCACY);
        assertThat(m.stageOf("social", "anything", "other")).isEqualTo(Stage.SUPPORT);
    }

    @Test
    void anInteractionNoRuleMatchesGetsTheDefault() throws Exception {
        assertThat(load("default: retention\nrules: []\n").stageOf("web", "page_view", "digital")).isEqualTo(Stage.RETENTION);
    }

    @Test
    void theShippedDefaultsPlaceTheDemoCompanysMainTypes() {
        StageMap m = StageMap.defaults();
        assertThat(m.stageOf("social", "social_ad_click", "social")).isEqualTo(Stage.AWARENESS);
        assertThat(m.stageOf("web", "product_view", "digital")).isEqualTo(Stage.INTEREST);
        assertThat(m.stageOf("store", "store_enquiry", "pos")).isEqualTo(Stage.CONSIDERATION);
        assertThat(m.stageOf("web", "order_placed", "digital")).isEqualTo(Stage.DECISION);
        assertThat(m.stageOf("call_centre", "upgrade_enquiry", "callcentre")).isEqualTo(Stage.UPSELL_CROSS_SELL);
        assertThat(m.stageOf("call_centre", "fault_report", "callcentre")).isEqualTo(Stage.SUPPORT);
        assertThat(m.stageOf("call_centre", "account_closed", "crm")).isEqualTo(Stage.RETENTION);
        assertThat(m.stageOf("survey", "survey_response", "engage")).isEqualTo(Stage.ADVOCACY);
    }

    @Test
    void everyTypeTheDemoCompanyEmitsHasItsOwnRule() {
        // The types of demo/src/main/java/org/touchline/demo/Journeys.java; DemoStageCoverageTest checks the live stream.
        List<String> types = List.of("page_view", "product_view", "social_ad_click", "search", "email_sent", "email_opened",
                "email_clicked", "email_unsubscribed", "chat_sales", "chat_support", "store_enquiry", "sales_enquiry",
                "add_to_cart", "order_placed", "purchase", "account_opened", "installation", "plan_changed", "upgrade_enquiry",
                "upgrade_visit", "billing_enquiry", "technical_support", "fault_report", "complaint", "repair_visit",
                "repair_dropoff", "repair_collection", "cancellation_request", "retention_offer", "account_closed",
                "contract_renewed", "price_changed", "survey_response", "review", "social_mention", "login", "app_open", "bill_view",
                "speed_test", "details_updated", "consent_updated", "home_move", "delivery_enquiry", "general_enquiry",
                "equipment_collection");
        StageMap m = StageMap.defaults();
        for (String t : types)
            assertThat(m.rules()).as(t).anyMatch(r -> r.type() != null && r.type().equals(t));
        assertThat(m.stageOf("social", "social_message", "social")).isEqualTo(Stage.SUPPORT);
    }

    @Test
    void aBadStageNamesTheRuleTheFieldAndTheReason() {
        assertThatThrownBy(() -> load("""
                default: support
                rules:
                  - { type: a, stage: decision }
                  - { type: b, stage: buying }
                """)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rule 2").hasMessageContaining("'stage'").hasMessageContaining("unknown stage 'buying'");
    }

    @Test
    void anUnknownFieldInARuleIsRefused() {
        assertThatThrownBy(() -> load("default: support\nrules:\n  - { kind: a, stage: decision }\n"))
                .hasMessageContaining("rule 1").hasMessageContaining("'kind'").hasMessageContaining("unknown");
    }

    @Test
    void aRuleWithoutAStageIsRefused() {
        assertThatThrownBy(() -> load("default: support\nrules:\n  - { type: a }\n"))
                .hasMessageContaining("rule 1").hasMessageContaining("'stage'").hasMessageContaining("missing");
    }

    @Test
    void aMissingDefaultIsRefused() {
        assertThatThrownBy(() -> load("rules: []\n")).hasMessageContaining("'default'");
    }

    @Test
    void stagesAreWrittenInLowerCase() throws Exception {
        assertThat(new ObjectMapper().writeValueAsString(Stage.UPSELL_CROSS_SELL))
                .isEqualTo("\"upsell_cross_sell\"");
        assertThat(Stage.of("upsell")).isEqualTo(Stage.UPSELL_CROSS_SELL);
    }
}
