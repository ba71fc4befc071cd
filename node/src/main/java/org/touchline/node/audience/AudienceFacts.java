package org.touchline.node.audience;

import org.touchline.contracts.CustomerState;
import org.touchline.domain.EntryKind;
import org.touchline.domain.InteractionEntry;
import org.touchline.domain.store.LedgerStore;
import org.touchline.domain.store.TimelineProjection;
import org.touchline.domain.store.TimelineRow;
import org.touchline.intelligence.features.FeatureBuilder;
import org.touchline.intelligence.features.HistoryItem;
import org.touchline.journeys.StageMap;
import org.touchline.node.Customers;
import org.touchline.node.StoredFacts;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * What an audience's rule sees of a customer now ({@link AudienceSchema}), computed from the projections after commit,
 * only as far as the rules in force read it: the stored facts always (one read for many customers), the recent
 * timeline only for the stage, the features and the windows, the propensities only when a rule asks for them. With it,
 * when the answer could next change with no new entry: the moment the oldest interaction of a window leaves it, a day
 * of tenure passes, and so on. The evaluator comes back to the customer then (the periodic sweep), and not before.
 */
final class AudienceFacts {
    private static final long DAY = Duration.ofDays(1).toMillis();
    /** The most recent interactions read of a customer: a year of a busy customer's history, and a bound on the work. */
    static final int HISTORY = 1000;

    private final LedgerStore ledger;
    private final TimelineProjection timelines;
    private final Customers customers;
    private final StoredFacts facts;
    private final StageMap stages;
    private final FeatureBuilder features;
    /** A customer's propensities now, by model name; none without the customer's personalisation consent. */
    private final BiFunction<String, Instant, Map<String, Double>> propensities;

    AudienceFacts(LedgerStore ledger, TimelineProjection timelines, Customers customers, StoredFacts facts, StageMap stages,
                  BiFunction<String, Instant, Map<String, Double>> propensities) {
        this.ledger = ledger;
        this.timelines = timelines;
        this.customers = customers;
        this.facts = facts;
        this.stages = stages;
        this.features = new FeatureBuilder(FeatureBuilder.Vocabulary.defaults(Map.of()));
        this.propensities = propensities;
    }

    /** One customer as the rules see them, and when that could next change by time alone (null: only a new entry changes it). */
    record Seen(Map<String, Object> values, Long dueAt) {}

    /**
     * {@code customers} (current ids) at {@code now}, with the fields the rules read ({@code fields}) and the window keys
     * they name ({@code keys}, counting 0 when absent).
     */
    Map<String, Seen> of(Collection<String> customers, Instant now, Set<String> fields, Set<String> keys) {
        if (customers.isEmpty()) return Map.of();
        Map<String, StoredFacts.Of> stored = facts.of(customers, now);
        boolean timeline = fields.stream().anyMatch(AudienceSchema.TIMELINE_FIELDS::contains);
        boolean scores = fields.stream().anyMatch(AudienceSchema.PROPENSITY_FIELDS::contains);
        Map<String, Seen> out = new HashMap<>();
        for (String c : customers) {
            StoredFacts.Of f = stored.get(c);
            Map<String, Object> v = new HashMap<>();
            CustomerState s = f.state();
            for (String name : List.of("id", "interactions", "complaintsOpen", "lastComplaintAt", "lastInteractionAt", "tokens", "consents",
                    "firstSeenAt", "tenureDays")) {
                Object x = s.get(name);
                if (x != null) v.put(name, x);
            }
            v.put("products", f.products());
            Due due = new Due();
            if (s.get("lastInteractionAt") instanceof Instant last) {
                long days = Math.max(0, (now.toEpochMilli() - last.toEpochMilli()) / DAY);
                v.put("daysSinceLastInteraction", days);
                if (fields.contains("daysSinceLastInteraction") || fields.contains("features")) due.at(last.toEpochMilli() + (days + 1) * DAY);
            }
            if (s.get("firstSeenAt") instanceof Instant first && (fields.contains("tenureDays") || fields.contains("features"))) {
                long days = Math.max(0, (now.toEpochMilli() - first.toEpochMilli()) / DAY);
                due.at(first.toEpochMilli() + (days + 1) * DAY);
            }
            if (timeline) recent(c, now, v, fields, keys, due);
            if (scores) {
                propensities.apply(c, now).forEach((name, p) -> {
                    if (AudienceSchema.PROPENSITY_FIELDS.contains(name)) v.put(name, p);
                });
                // Scores drift with time as the features do: looked at again daily.
                due.at(now.toEpochMilli() + DAY);
            }
            out.put(c, new Seen(v, due.at));
        }
        return out;
    }

    /** The earliest of the moments given. */
    private static final class Due {
        Long at;

        void at(long t) { if (at == null || t < at) at = t; }
    }

    /** The stage, last channel, features and windows, from the customer's recent interactions. */
    private void recent(String c, Instant now, Map<String, Object> v, Set<String> fields, Set<String> keys, Due due) {
        List<HistoryItem> history = history(c, now);
        if (!history.isEmpty()) {
            HistoryItem last = history.get(history.size() - 1);
            v.put("stage", last.stage());
            v.put("lastChannel", last.channel());
        }
        if (fields.contains("features")) {
            v.put("features", new TreeMap<>(features.at(c, history, List.of(), now).numeric()));
            for (int days : List.of(30, 90, 365)) leaves(history, now, days, due);
        }
        AudienceSchema.WINDOWS.forEach((name, days) -> {
            if (!fields.contains(name)) return;
            long from = now.toEpochMilli() - days * DAY;
            long count = 0;
            Map<String, Long> channels = new TreeMap<>(), types = new TreeMap<>();
            for (HistoryItem i : history) {
                if (i.at().toEpochMilli() <= from) continue;
                count++;
                channels.merge(i.channel(), 1L, Long::sum);
                if (i.type() != null) types.merge(i.type(), 1L, Long::sum);
            }
            for (String k : keys) {
                channels.putIfAbsent(k, 0L);
                types.putIfAbsent(k, 0L);
            }
            v.put(name, Map.of("interactions", count, "channels", channels, "types", types));
            leaves(history, now, days, due);
        });
    }

    /** When the oldest interaction inside the last {@code days} days leaves that window. */
    private static void leaves(List<HistoryItem> history, Instant now, int days, Due due) {
        long from = now.toEpochMilli() - days * DAY;
        for (HistoryItem i : history) {
            long t = i.at().toEpochMilli();
            if (t > from && !i.at().isAfter(now)) {
                due.at(t + days * DAY);
                return;
            }
        }
    }

    /** The customer's own interactions (merged ids' too), oldest first, at most {@link #HISTORY} of the latest. */
    private List<HistoryItem> history(String c, Instant now) {
        List<TimelineRow> rows = timelines.timeline(customers.idsOf(c), null, null, HISTORY);
        List<HistoryItem> out = new ArrayList<>(rows.size());
        for (int k = rows.size() - 1; k >= 0; k--) {
            TimelineRow r = rows.get(k);
            if (!r.role().equals("subject") || r.occurredAtMillis() > now.toEpochMilli()) continue;
            byte[] leaf = ledger.leaf(r.index());
            if (EntryKind.of(leaf) != EntryKind.INTERACTION) continue;
            InteractionEntry e = InteractionEntry.parse(leaf);
            out.add(new HistoryItem(e.occurredAt(), e.channel(), e.type(), e.products(), e.rating(), null,
                    stages.stageOf(e.channel(), e.type(), e.source()).id()));
        }
        return out;
    }
}
