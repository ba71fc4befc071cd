package org.touchline.intelligence.staffing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.touchline.intelligence.forecast.Forecast;
import org.touchline.intelligence.forecast.IntervalForecast;

class StaffingPlannerTest {

    private static final Duration HALF_HOUR = Duration.ofMinutes(30);
    private static final StaffingPlanner CALL_CENTRE_HELPER = new StaffingPlanner(Duration.ofSeconds(180),
            ServiceTarget.of(0.80, Duration.ofSeconds(20)), 0.30);

    private static IntervalForecast interval(LocalDateTime start, Duration open, double contacts) {
        return new IntervalForecast(start, open, contacts, contacts, contacts, contacts, contacts);
    }

    private static Forecast forecast(IntervalForecast... intervals) {
        return new Forecast("voice", HALF_HOUR, List.of(intervals));
    }

    @Test
    void schedulesAgentsGrossedUpForShrinkage() {
        StaffingPlan plan = CALL_CENTRE_HELPER.plan(forecast(interval(LocalDateTime.of(2024, 1, 1, 9, 0), HALF_HOUR, 100)));

        StaffedInterval nine = plan.intervals().get(0);
        assertThat(nine.agents()).isEqualTo(14);
        assertThat(nine.scheduledStaff()).isEqualTo(20); // 14 / (1 - 0.30)
        assertThat(nine.serviceLevel()).isGreaterThanOrEqualTo(0.80);
        assertThat(plan.scheduledHours()).isEqualTo(10.0);
    }

    @Test
    void contactsArrivingInAShortOpenPartOfAnIntervalNeedMoreAgents() {
        LocalDateTime nine = LocalDateTime.of(2024, 1, 1, 9, 0);
        StaffingPlan plan = CALL_CENTRE_HELPER.plan(forecast(interval(nine, HALF_HOUR, 50),
                interval(nine.plusMinutes(30), Duration.ofMinutes(15), 50)));

        assertThat(plan.intervals().get(1).agents()).isGreaterThan(plan.intervals().get(0).agents());
        assertThat(plan.peakScheduledStaff()).isEqualTo(plan.intervals().get(1).scheduledStaff());
    }

    @Test
    void anIntervalWithoutContactsNeedsNobody() {
        StaffingPlan plan = CALL_CENTRE_HELPER.plan(forecast(interval(LocalDateTime.of(2024, 1, 1, 9, 0), HALF_HOUR, 0)));

        assertThat(plan.intervals().get(0).agents()).isZero();
        assertThat(plan.intervals().get(0).scheduledStaff()).isZero();
        assertThat(plan.intervals().get(0).serviceLevel()).isEqualTo(1.0);
    }

    @Test
    void rejectsShrinkageOfAHundredPercent() {
        assertThatThrownBy(() -> new StaffingPlanner(Duration.ofSeconds(180), ServiceTarget.of(0.8, Duration.ofSeconds(20)), 1.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shrinkage 1.0");
    }
}
