package org.touchline.intelligence.forecast;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Contacts of one channel per interval, over whole open days only: {@code counts} holds {@link #slotsPerDay()}
 * values for each open day from {@code start} on, skipping closed days and closed hours, so "one week ago" is
 * {@code hours.openDaysPerWeek()} days back. Intervals are clock-aligned and divide a day (5, 15, 60 minutes, ...)
 * or are one day long.
 */
public record ContactSeries(String channel, Duration interval, BusinessHours hours, LocalDate start, double[] counts) {

    private static final Duration DAY = Duration.ofDays(1);

    /** What to do with a contact time outside opening hours. */
    public enum OutOfHours {
        /** Leave it out: a call to a closed centre never reached the queue. */
        DROP,
        /** Count it in the next open interval: an email sent at night waits for the morning. */
        DEFER
    }

    public ContactSeries {
        if (channel == null || channel.isBlank()) {
            throw new IllegalArgumentException("contact series: channel must not be blank");
        }
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(hours, "hours");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(counts, "counts");
        if (!interval.equals(DAY) && (interval.toSeconds() < 60 || 86_400 % interval.toSeconds() != 0
                || interval.toNanos() % 1_000_000_000L != 0)) {
            throw new IllegalArgumentException("contact series " + channel + ": interval " + interval
                    + " must be whole seconds dividing a day (5, 15, 60 minutes ...) or one day");
        }
        if (!hours.isOpenOn(start)) {
            throw new IllegalArgumentException("contact series " + channel + ": start " + start + " is not an open day");
        }
        int perDay = hours.slotsPerDay(interval);
        if (counts.length % perDay != 0) {
            throw new IllegalArgumentException("contact series " + channel + ": " + counts.length
                    + " counts are not whole days of " + perDay + " intervals");
        }
        counts = counts.clone();
        for (int i = 0; i < counts.length; i++) {
            if (!(counts[i] >= 0) || Double.isInfinite(counts[i])) {
                throw new IllegalArgumentException("contact series " + channel + ": count " + counts[i]
                        + " at index " + i + " must be a finite number >= 0");
            }
        }
    }

    /**
     * Counts contact times per interval over the open days from {@code from} to {@code to} inclusive. A time outside
     * that range is an error; a time out of hours is dropped or deferred to the next open interval (and dropped if
     * that lies after {@code to}).
     */
    public static ContactSeries fromTimestamps(String channel, Duration interval, BusinessHours hours, LocalDate from,
            LocalDate to, Collection<LocalDateTime> times, OutOfHours outOfHours) {
        LocalDate first = hours.firstOpenDayFrom(from);
        if (first.isAfter(to)) {
            throw new IllegalArgumentException("contact series " + channel + ": no open day between " + from + " and " + to);
        }
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = first; !d.isAfter(to); d = hours.nextOpenDay(d)) {
            days.add(d);
        }
        Map<LocalDateTime, Integer> index = new HashMap<>();
        List<LocalDateTime> starts = new ArrayList<>();
        for (LocalDate d : days) {
            for (LocalDateTime s : hours.slotStarts(d, interval)) {
                index.put(s, starts.size());
                starts.add(s);
            }
        }
        double[] counts = new double[starts.size()];
        LocalDateTime end = to.plusDays(1).atStartOfDay();
        int n = 0;
        for (LocalDateTime t : times) {
            if (t == null || t.isBefore(from.atStartOfDay()) || !t.isBefore(end)) {
                throw new IllegalArgumentException("contact series " + channel + ": timestamp #" + n + " (" + t
                        + ") is outside " + from + " .. " + to);
            }
            n++;
            LocalDateTime at = t;
            if (!hours.isOpenAt(t)) {
                if (outOfHours == OutOfHours.DROP) {
                    continue;
                }
                at = nextOpening(hours, t);
            }
            Integer slot = index.get(floor(at, interval));
            if (slot != null) {
                counts[slot]++;
            }
        }
        return new ContactSeries(channel, interval, hours, first, counts);
    }

    /** As {@link #fromTimestamps(String, Duration, BusinessHours, LocalDate, LocalDate, Collection, OutOfHours)} for instants read on the channel's local clock. */
    public static ContactSeries fromInstants(String channel, Duration interval, BusinessHours hours, ZoneId zone,
            LocalDate from, LocalDate to, Collection<Instant> times, OutOfHours outOfHours) {
        List<LocalDateTime> local = times.stream().map(t -> LocalDateTime.ofInstant(t, zone)).toList();
        return fromTimestamps(channel, interval, hours, from, to, local, outOfHours);
    }

    public int slotsPerDay() {
        return hours.slotsPerDay(interval);
    }

    public int dayCount() {
        return counts.length / slotsPerDay();
    }

    /** The open days covered, in order. */
    public List<LocalDate> days() {
        return hours.openDaysFrom(start, dayCount());
    }

    /** The open day after the last one: where a forecast starts. */
    public LocalDate nextDay() {
        return hours.nextOpenDay(days().get(dayCount() - 1));
    }

    public double[] counts() {
        return counts.clone();
    }

    public double count(int index) {
        return counts[index];
    }

    /** The counts of day {@code d} (0-based), one per interval. */
    public double[] day(int d) {
        int perDay = slotsPerDay();
        return Arrays.copyOfRange(counts, d * perDay, (d + 1) * perDay);
    }

    public double dayTotal(int d) {
        return Arrays.stream(day(d)).sum();
    }

    /** Days {@code from} (inclusive) to {@code to} (exclusive), 0-based. */
    public ContactSeries days(int from, int to) {
        if (from < 0 || to > dayCount() || from >= to) {
            throw new IllegalArgumentException("contact series " + channel + ": day range " + from + " .. " + to
                    + " is not within 0 .. " + dayCount());
        }
        int perDay = slotsPerDay();
        return new ContactSeries(channel, interval, hours, days().get(from),
                Arrays.copyOfRange(counts, from * perDay, to * perDay));
    }

    /** Sums into a coarser clock-aligned interval, which must be a whole multiple of this one. */
    public ContactSeries aggregate(Duration coarser) {
        if (coarser.compareTo(interval) < 0 || coarser.toSeconds() % interval.toSeconds() != 0) {
            throw new IllegalArgumentException("contact series " + channel + ": cannot aggregate " + interval
                    + " into " + coarser + ", which is not a whole multiple of it");
        }
        List<LocalDate> days = days();
        List<LocalDateTime> fine = hours.slotStarts(days.get(0), interval);
        List<LocalDateTime> coarse = hours.slotStarts(days.get(0), coarser);
        int[] bucket = new int[fine.size()];
        for (int j = 0; j < fine.size(); j++) {
            bucket[j] = coarse.indexOf(floor(fine.get(j), coarser));
        }
        double[] summed = new double[days.size() * coarse.size()];
        int perDay = fine.size();
        for (int i = 0; i < counts.length; i++) {
            summed[(i / perDay) * coarse.size() + bucket[i % perDay]] += counts[i];
        }
        return new ContactSeries(channel, coarser, hours, start, summed);
    }

    static LocalDateTime floor(LocalDateTime t, Duration interval) {
        if (interval.equals(DAY)) {
            return t.toLocalDate().atStartOfDay();
        }
        long step = interval.toSeconds();
        return t.toLocalDate().atStartOfDay().plusSeconds(t.toLocalTime().toSecondOfDay() / step * step);
    }

    private static LocalDateTime nextOpening(BusinessHours hours, LocalDateTime t) {
        LocalDate day = t.toLocalDate();
        if (hours.isOpenOn(day) && t.toLocalTime().isBefore(hours.opens())) {
            return day.atTime(hours.opens());
        }
        return hours.nextOpenDay(day).atTime(hours.opens());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ContactSeries s && channel.equals(s.channel) && interval.equals(s.interval)
                && hours.equals(s.hours) && start.equals(s.start) && Arrays.equals(counts, s.counts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(channel, interval, hours, start, Arrays.hashCode(counts));
    }

    @Override
    public String toString() {
        return "ContactSeries[" + channel + ", " + interval + ", " + dayCount() + " days from " + start + "]";
    }
}
