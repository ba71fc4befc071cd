package org.touchline.node;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.touchline.domain.Identifier;
import org.touchline.domain.Interaction;
import org.touchline.intelligence.staffing.ServiceTarget;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Contact demand and staffing on the node: contact times from the ledger, forecast per interval, staff per interval. */
class ContactDemandTest {
    @TempDir Path dir;

    /** Twelve weeks of calls, busier on Mondays and at 10:00 and 14:00, from a few hundred customers. */
    static List<Interaction> calls(long seed) {
        Random r = new Random(seed);
        List<Interaction> out = new ArrayList<>();
        LocalDate first = LocalDate.of(2026, 3, 2);
        int n = 0;
        for (int d = 0; d < 84; d++) {
            LocalDate day = first.plusDays(d);
            if (day.getDayOfWeek() == DayOfWeek.SUNDAY) continue;
            int calls = day.getDayOfWeek() == DayOfWeek.MONDAY ? 60 : 40;
            for (int k = 0; k < calls; k++) {
                double peak = r.nextBoolean() ? 10 : 14;
                double hour = Math.max(8, Math.min(19.9, peak + r.nextGaussian() * 2));
                var at = day.atTime(LocalTime.of((int) hour, (int) ((hour % 1) * 60))).atZone(ContactDemand.ZONE).toInstant();
                out.add(new Interaction(null, "callcentre", "C" + (n++), at, "call_centre", "billing_enquiry",
                        List.of(new Identifier("account", "A" + r.nextInt(300))), List.of(), "agent-1", List.of(), null, null, Map.of()));
            }
        }
        return out;
    }

    @Test
    void a_channels_forecast_follows_its_weekly_and_daily_shape_and_needs_more_agents_at_peaks() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            List<Interaction> calls = calls(7);
            for (int k = 0; k < calls.size(); k += 500) f.append(calls.subList(k, Math.min(calls.size(), k + 500)).toArray(Interaction[]::new));
            var report = f.node.demand().forecast("call_centre", Duration.ofHours(1), 6, 14, ServiceTarget.of(0.8, Duration.ofSeconds(20)), 0.3, null);
            assertThat(report.forecast().intervals()).hasSize(6 * 12);
            assertThat(report.forecast().intervals()).allSatisfy(i -> assertThat(i.lower80()).isLessThanOrEqualTo(i.expected()));
            assertThat(report.backtest().mase()).isFinite().isLessThan(report.backtest().seasonalNaiveMase() * 1.5);
            var ten = report.staffing().intervals().stream().filter(i -> i.start().getHour() == 10).findFirst().orElseThrow();
            var eight = report.staffing().intervals().stream().filter(i -> i.start().getHour() == 19).findFirst().orElseThrow();
            assertThat(ten.agents()).isGreaterThan(eight.agents());
            assertThat(ten.scheduledStaff()).isGreaterThan(ten.agents());
        }
    }

    @Test
    void an_unstaffed_channel_or_an_odd_interval_is_refused_with_the_reason() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            assertThatThrownBy(() -> f.node.demand().forecast("web", Duration.ofHours(1), 7, 14, ServiceTarget.of(0.8, Duration.ofSeconds(20)), 0.3, null))
                    .hasMessageContaining("'web' is not a staffed channel");
            assertThatThrownBy(() -> f.node.demand().forecast("call_centre", Duration.ofMinutes(7), 7, 14, ServiceTarget.of(0.8, Duration.ofSeconds(20)), 0.3, null))
                    .hasMessageContaining("interval must be 15 minutes, 1 hour or 1 day");
            assertThatThrownBy(() -> f.node.demand().forecast("call_centre", Duration.ofHours(1), 7, 14, ServiceTarget.of(0.8, Duration.ofSeconds(20)), 0.3, null))
                    .hasMessageContaining("no call_centre contacts");
        }
    }
}
