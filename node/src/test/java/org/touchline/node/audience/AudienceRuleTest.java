package org.touchline.node.audience;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AudienceRuleTest {
    @Test
    void aMisspeltFieldIsRefusedNamingTheAudienceAndTheRule() {
        assertThatThrownBy(() -> AudienceRule.compile("vip", "customer.tenureDayz > 3"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("audience 'vip', field 'rule'")
                .hasMessageContaining("tenureDayz");
    }

    @Test
    void aRuleThatIsNotABoolIsRefused() {
        assertThatThrownBy(() -> AudienceRule.compile("vip", "customer.tokens + 1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("field 'rule'");
    }

    @Test
    void comparingAnIntWithAStringIsRefused() {
        assertThatThrownBy(() -> AudienceRule.compile("vip", "customer.tokens == 'many'"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("field 'rule'");
    }

    @Test
    void aRuleAboveTheCostLimitIsRefusedWithItsCost() {
        String nested = "[" + "1,".repeat(99) + "1].all(a, [" + "1,".repeat(99) + "1].all(b, [" + "1,".repeat(99) + "1].all(c, a + b + c > 0)))";
        assertThatThrownBy(() -> AudienceRule.compile("heavy", nested))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("estimated cost").hasMessageContaining("exceeds the limit");
    }

    @Test
    void anEmptyRuleIsRefused() {
        assertThatThrownBy(() -> AudienceRule.compile("vip", " ")).hasMessageContaining("required");
    }

    @Test
    void aWindowCountOfAChannelTheCustomerNeverUsedReadsZero() {
        AudienceRule r = AudienceRule.compile("quiet", "customer.last30d.channels.store == 0");
        assertThat(r.keys()).contains("store");
        assertThat(r.fields()).containsExactly("last30d");
    }

    @Test
    void aCustomerForWhomTheRuleFailsIsNotAMember() {
        AudienceRule r = AudienceRule.compile("risky", "customer.churn > 0.5");
        assertThat(r.test(Map.of("id", "cu_1"))).isFalse();
        assertThat(r.test(Map.of("id", "cu_1", "churn", 0.7))).isTrue();
    }

    @Test
    void theSchemaNamesEveryField() {
        assertThat(AudienceSchema.describe()).contains("tenureDays", "consents", "last30d", "churn", "features", "channels");
    }
}
