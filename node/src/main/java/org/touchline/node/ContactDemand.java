package org.touchline.node;

import org.touchline.domain.EntryKind;
import org.touchline.domain.InteractionEntry;
import org.touchline.domain.store.LedgerStore;
import org.touchline.intelligence.forecast.Backtest;
import org.touchline.intelligence.forecast.BacktestReport;
import org.touchline.intelligence.forecast.BusinessHours;
import org.touchline.intelligence.forecast.ContactSeries;
import org.touchline.intelligence.forecast.DemandForecaster;
import org.touchline.intelligence.forecast.Forecast;
import org.touchline.intelligence.staffing.ServiceTarget;
import org.touchline.intelligence.staffing.StaffingPlan;
import org.touchline.intelligence.staffing.StaffingPlanner;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Contact demand per channel and the staff it needs (docs/intelligence.md): the times customers contacted each staffed
 * channel, counted from the ledger (times and channels only: running the contact centre is service, no personal data
 * is read), forecast per interval with daily and weekly seasonality and prediction intervals, backtested against
 * seasonal naive and the four-week same-weekday mean, and turned into agents with Erlang C.
 */
public final class ContactDemand {
    public static final ZoneId ZONE = ZoneId.of("Europe/London");

    /** A staffed channel: when it is open, how long a contact takes, and which types are not contacts (our own emails). */
    public record ChannelSettings(String channel, BusinessHours hours, Duration averageHandling, Set<String> notContacts) {}

    /** The demo company's staffed channels; web, app and email need no agents waiting. */
    public static final List<ChannelSettings> DEFAULTS = List.of(
            new ChannelSettings("call_centre", new BusinessHours(LocalTime.of(8, 0), LocalTime.of(20, 0),
                    EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.SATURDAY), Set.of()), Duration.ofMinutes(6), Set.of()),
            new ChannelSettings("chat", new BusinessHours(LocalTime.of(8, 0), LocalTime.of(22, 0),
                    EnumSet.allOf(DayOfWeek.class), Set.of()), Duration.ofMinutes(9), Set.of()),
            new ChannelSettings("store", new BusinessHours(LocalTime.of(9, 0), LocalTime.of(18, 0),
                    EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.SATURDAY), Set.of()), Duration.ofMinutes(15), Set.of()),
            new ChannelSettings("social", BusinessHours.always(), Duration.ofMinutes(4), Set.of("social_ad_click")));

    /** What one channel's forecast says, how well the same model did on the last weeks, and the staff it needs. */
    public record Report(String channel, Duration interval, LocalDate historyFrom, LocalDate historyTo, long contacts,
                         Forecast forecast, BacktestReport backtest, StaffingPlan staffing, long entries) {}

    private final LedgerStore ledger;
    private volatile Map<String, List<Instant>> times;
    private volatile long timesAt = -1;

    ContactDemand(LedgerStore ledger) { this.ledger = ledger; }

    public static ChannelSettings settings(String channel) {
        return DEFAULTS.stream().filter(s -> s.channel().equals(channel)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "channel '" + channel + "' is not a staffed channel; one of " + DEFAULTS.stream().map(ChannelSettings::channel).toList()));
    }

    /**
     * Forecasts {@code days} open days of {@code channel} at {@code interval} (15 min, 1 h or 1 day) from its whole
     * history, backtests the same model on the last {@code testDays} open days, and plans staff for the forecast.
     */
    public Report forecast(String channel, Duration interval, int days, int testDays, ServiceTarget target, double shrinkage,
                           Duration averageHandling) {
        if (!List.of(Duration.ofMinutes(15), Duration.ofHours(1), Duration.ofDays(1)).contains(interval))
            throw new IllegalArgumentException("interval must be 15 minutes, 1 hour or 1 day, got " + interval);
        if (days < 1 || days > 28) throw new IllegalArgumentException("days must be 1 to 28, got " + days);
        ChannelSettings s = settings(channel);
        List<Instant> contacts = contactTimes().getOrDefault(channel, List.of());
        if (contacts.isEmpty()) throw new IllegalStateException("no " + channel + " contacts in the ledger yet: nothing to forecast from");
        LocalDate from = contacts.get(0).atZone(ZONE).toLocalDate(), to = contacts.get(contacts.size() - 1).atZone(ZONE).toLocalDate();
        // Today is not over: forecast from whole days only. A past last day is whole, so a history that ends yesterday
        // (the demo's) is forecast from today.
        LocalDate today = LocalDate.now(ZONE);
        if (!to.isBefore(today)) to = today.minusDays(1);
        if (!from.isBefore(to)) throw new IllegalStateException(channel + ": contacts on one day only; a forecast needs weeks");
        final LocalDate last = to;
        List<Instant> whole = contacts.stream().filter(t -> !t.atZone(ZONE).toLocalDate().isAfter(last)).toList();
        // Daily series are counted at the day's own resolution: one interval from opening to closing.
        Duration step = interval.equals(Duration.ofDays(1)) ? Duration.ofMinutes(15) : interval;
        ContactSeries series = ContactSeries.fromInstants(channel, step, s.hours(), ZONE, from, to, whole, ContactSeries.OutOfHours.DEFER);
        if (interval.equals(Duration.ofDays(1))) series = series.aggregate(Duration.ofDays(1));
        if (series.dayCount() < 8 * 7) throw new IllegalStateException(channel + ": " + series.dayCount() + " open days of history; the model needs at least 8 weeks");
        DemandForecaster forecaster = new DemandForecaster();
        Forecast forecast = forecaster.forecast(series, days);
        BacktestReport backtest = new Backtest(forecaster, Math.min(testDays, series.dayCount() / 4), 1).run(series);
        Duration aht = averageHandling == null ? s.averageHandling() : averageHandling;
        StaffingPlan plan = interval.equals(Duration.ofDays(1)) ? null : new StaffingPlanner(aht, target, shrinkage).plan(forecast);
        return new Report(channel, interval, from, to, whole.size(), forecast, backtest, plan, timesAt);
    }

    /** Every staffed channel's contact times, oldest first, read once per ledger size. */
    private Map<String, List<Instant>> contactTimes() {
        long size = ledger.size();
        if (times != null && timesAt == size) return times;
        synchronized (this) {
            if (times != null && timesAt == size) return times;
            Map<String, ChannelSettings> staffed = new HashMap<>();
            for (ChannelSettings s : DEFAULTS) staffed.put(s.channel(), s);
            Map<String, List<Instant>> out = new HashMap<>();
            ledger.scanLeaves(0, size, (i, leaf) -> {
                if (EntryKind.of(leaf) != EntryKind.INTERACTION) return;
                InteractionEntry e = InteractionEntry.parse(leaf);
                ChannelSettings s = staffed.get(e.channel());
                if (s == null || s.notContacts().contains(e.type())) return;
                out.computeIfAbsent(e.channel(), c -> new ArrayList<>()).add(e.occurredAt());
            });
            out.values().forEach(l -> l.sort(null));
            times = out;
            timesAt = size;
            return out;
        }
    }
}
