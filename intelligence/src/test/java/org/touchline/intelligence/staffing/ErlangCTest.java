package org.touchline.intelligence.staffing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Known answers from the worked example in Call Centre Helper, "Erlang C Formula – Made Simple With an Easy Worked
 * Example" (callcentrehelper.com): 100 calls per 30 minutes, average handling time 180 s, target 80 % answered in
 * 20 s, 30 % shrinkage, i.e. 10 Erlangs. With 11 agents a call waits with probability 68.21 % and the average speed
 * of answer is 122.8 s; 14 agents meet the target and 20 people are scheduled after shrinkage. The four-decimal
 * service levels asserted here were recomputed, and every probability is checked against the factorial formula in
 * exact decimals.
 */
class ErlangCTest {

    private static final Duration HALF_HOUR = Duration.ofMinutes(30);
    private static final Duration AHT = Duration.ofSeconds(180);
    private static final ServiceTarget EIGHTY_IN_TWENTY = ServiceTarget.of(0.80, Duration.ofSeconds(20));

    @Test
    void hundredCallsAHalfHourOfThreeMinutesAreTenErlangs() {
        assertThat(ErlangC.traffic(100, HALF_HOUR, AHT)).isCloseTo(10.0, within(1e-12));
    }

    @Test
    void elevenAgentsOnTenErlangsLeaveTwoCallsInThreeWaiting() {
        ErlangC queue = new ErlangC(11, 10);

        assertThat(queue.waitProbability()).isCloseTo(0.6821, within(0.00005));
        assertThat(queue.serviceLevel(AHT, Duration.ofSeconds(20))).isCloseTo(0.3896, within(0.00005));
        assertThat(queue.averageSpeedOfAnswerSeconds(AHT)).isCloseTo(122.8, within(0.05));
    }

    @Test
    void fourteenAgentsMeetEightyInTwentyOnTenErlangs() {
        ErlangC queue = new ErlangC(14, 10);

        assertThat(ErlangC.agentsNeeded(100, HALF_HOUR, AHT, EIGHTY_IN_TWENTY)).isEqualTo(14);
        assertThat(queue.serviceLevel(AHT, Duration.ofSeconds(20))).isCloseTo(0.8884, within(0.00005));
        assertThat(queue.occupancy()).isCloseTo(0.714, within(0.0005));
        assertThat(new ErlangC(13, 10).serviceLevel(AHT, Duration.ofSeconds(20))).isLessThan(0.80);
    }

    @Test
    void theRecursionMatchesTheFactorialFormula() {
        for (int agents : new int[] {1, 3, 11, 25, 60}) {
            for (double traffic : new double[] {0.5, 0.9 * agents, agents - 0.01}) {
                assertThat(new ErlangC(agents, traffic).waitProbability()).as("N=%d A=%f", agents, traffic)
                        .isCloseTo(direct(agents, traffic), within(1e-12));
            }
        }
    }

    @Test
    void staysFiniteForThousandsOfErlangs() {
        // 36,000 calls an hour of 5 minutes: 3,000 Erlangs, where A^N / N! overflows a double
        int agents = ErlangC.agentsNeeded(36_000, Duration.ofHours(1), Duration.ofMinutes(5), EIGHTY_IN_TWENTY);
        ErlangC queue = new ErlangC(agents, 3000);

        assertThat(agents).isBetween(3001, 3100);
        assertThat(queue.waitProbability()).isBetween(0.0, 1.0);
        assertThat(queue.serviceLevel(Duration.ofMinutes(5), Duration.ofSeconds(20))).isGreaterThanOrEqualTo(0.80);
        assertThat(new ErlangC(agents - 1, 3000).serviceLevel(Duration.ofMinutes(5), Duration.ofSeconds(20)))
                .isLessThan(0.80);
    }

    @Test
    void aQueueWithNoMoreAgentsThanErlangsNeverCatchesUp() {
        ErlangC overloaded = new ErlangC(10, 10);

        assertThat(overloaded.waitProbability()).isEqualTo(1.0);
        assertThat(overloaded.serviceLevel(AHT, Duration.ofSeconds(20))).isZero();
        assertThat(overloaded.averageSpeedOfAnswerSeconds(AHT)).isInfinite();
    }

    @Test
    void anOccupancyCapAddsAgentsBeyondTheServiceLevel() {
        ServiceTarget capped = new ServiceTarget(0.80, Duration.ofSeconds(20), 0.85);

        // 200 Erlangs meet 80/20 at about 95 % occupancy; an 85 % cap needs ceil(200 / 0.85) = 236
        assertThat(ErlangC.agentsNeeded(2000, HALF_HOUR, AHT, EIGHTY_IN_TWENTY)).isLessThan(215);
        assertThat(ErlangC.agentsNeeded(2000, HALF_HOUR, AHT, capped)).isEqualTo(236);
    }

    @Test
    void noContactsNeedNoAgents() {
        assertThat(ErlangC.agentsNeeded(0, HALF_HOUR, AHT, EIGHTY_IN_TWENTY)).isZero();
    }

    @Test
    void rejectsNegativeTraffic() {
        assertThatThrownBy(() -> new ErlangC(5, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("traffic -1.0");
    }

    /** C = (A^N / N!) N / (N - A) / (sum_{k<N} A^k / k! + (A^N / N!) N / (N - A)), in exact decimals. */
    private static double direct(int n, double a) {
        MathContext mc = MathContext.DECIMAL128;
        BigDecimal traffic = BigDecimal.valueOf(a);
        BigDecimal term = BigDecimal.ONE;
        BigDecimal sum = BigDecimal.ZERO;
        for (int k = 0; k < n; k++) {
            sum = sum.add(term, mc);
            term = term.multiply(traffic, mc).divide(BigDecimal.valueOf(k + 1), mc);
        }
        BigDecimal top = term.multiply(BigDecimal.valueOf(n), mc).divide(BigDecimal.valueOf(n - a), mc);
        return top.divide(sum.add(top, mc), mc).doubleValue();
    }
}
