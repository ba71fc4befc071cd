package org.touchline.intelligence.features;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * A customer's features at a moment, from their history: recency, frequency and value, channel mix,
 * complaints and how long they took to resolve, faults reported, price rises, sentiment and its trend, ratings given, tenure, products held, the
 * journey stage, and the household's. Only what happened strictly before {@code asOf} is read, so a feature vector
 * for a past moment never sees that moment's future (the training sets are built from such vectors).
 */
public final class FeatureBuilder {
    static final double NEVER_DAYS = 3650;   // "no such event": ten years, so models see it as long ago, never NaN
    private static final Duration D30 = Duration.ofDays(30), D90 = Duration.ofDays(90), D365 = Duration.ofDays(365);

    /** What the history's words mean: which types are complaints, resolutions, purchases and churn, and what things cost. */
    public record Vocabulary(List<String> channels, Set<String> onlineChannels, Set<String> complaintTypes,
                             Set<String> resolutionTypes, Set<String> purchaseTypes, Set<String> churnTypes,
                             Set<String> faultTypes, Set<String> priceRiseTypes, Map<String, Double> prices) {
        public Vocabulary {
            faultTypes = Set.copyOf(faultTypes);
            priceRiseTypes = Set.copyOf(priceRiseTypes);
            channels = List.copyOf(channels);
            onlineChannels = Set.copyOf(onlineChannels);
            complaintTypes = Set.copyOf(complaintTypes);
            resolutionTypes = Set.copyOf(resolutionTypes);
            purchaseTypes = Set.copyOf(purchaseTypes);
            churnTypes = Set.copyOf(churnTypes);
            prices = Map.copyOf(prices);
        }

        /** The Interaction v1 channels and the demo company's types; prices as the company's product catalogue gives them. */
        public static Vocabulary defaults(Map<String, Double> prices) {
            return new Vocabulary(
                    List.of("call_centre", "store", "web", "app", "email", "chat", "social", "survey", "ticket", "field_service"),
                    Set.of("web", "app"),
                    Set.of("complaint"),
                    // A complaint counts as resolved at the first follow-up the company makes or the customer answers.
                    Set.of("email_sent", "chat_support", "survey_response", "retention_offer", "repair_collection", "technical_support"),
                    Set.of("order_placed", "purchase", "plan_changed", "upgrade_enquiry", "upgrade_visit"),
                    Set.of("account_closed"),
                    // Faults the customer reported (one of an area outage or their own line) and price rises on their plan.
                    Set.of("fault_report", "technical_support"),
                    Set.of("price_changed"),
                    prices);
        }
    }

    private final Vocabulary words;

    public FeatureBuilder(Vocabulary words) { this.words = words; }

    public Vocabulary vocabulary() { return words; }

    /**
     * The customer's features at {@code asOf}.
     *
     * @param history    the customer's items, in any order (only those strictly before asOf are read)
     * @param household  the histories of the other members of the customer's household (empty when none)
     */
    public FeatureVector at(String customer, List<HistoryItem> history, List<List<HistoryItem>> household, Instant asOf) {
        TreeMap<String, Double> num = new TreeMap<>();
        TreeMap<String, String> cat = new TreeMap<>();
        List<HistoryItem> past = before(history, asOf);

        Instant first = past.isEmpty() ? null : past.get(0).at();
        Instant last = past.isEmpty() ? null : past.get(past.size() - 1).at();
        num.put("tenure_days", first == null ? 0 : days(first, asOf));
        num.put("recency_days", last == null ? NEVER_DAYS : days(last, asOf));
        num.put("frequency_30d", (double) count(past, asOf, D30, i -> true));
        num.put("frequency_90d", (double) count(past, asOf, D90, i -> true));
        num.put("frequency_365d", (double) count(past, asOf, D365, i -> true));
        num.put("online_touches_30d", (double) count(past, asOf, D30, i -> words.onlineChannels().contains(i.channel())));

        double value = 0;
        Set<String> held = new HashSet<>();
        for (HistoryItem i : past) {
            if (!words.purchaseTypes().contains(i.type())) continue;
            held.addAll(i.products());
            if (!i.at().isBefore(asOf.minus(D365))) for (String p : i.products()) value += words.prices().getOrDefault(p, 0.0);
        }
        num.put("value_365d", value);
        num.put("products_held", (double) held.size());

        // Channel mix: each channel's share of the last year's touches (all zero for a silent year).
        long year = count(past, asOf, D365, i -> true);
        for (String ch : words.channels())
            num.put("share_" + ch, year == 0 ? 0.0 : count(past, asOf, D365, i -> ch.equals(i.channel())) / (double) year);

        complaints(past, asOf, num);
        num.put("faults_90d", (double) count(past, asOf, D90, i -> words.faultTypes().contains(i.type())));
        num.put("price_rises_365d", (double) count(past, asOf, D365, i -> words.priceRiseTypes().contains(i.type())));
        sentiment(past, asOf, num);

        int ratings = 0;
        double stars = 0;
        for (HistoryItem i : past) if (i.rating() != null) { ratings++; stars += i.rating(); }
        num.put("ratings_given", (double) ratings);
        num.put("rating_mean", ratings == 0 ? 0.0 : stars / ratings);

        String stage = "none", lastChannel = "none";
        for (HistoryItem i : past) {
            if (i.stage() != null) stage = i.stage();
            if (i.channel() != null) lastChannel = i.channel();
        }
        cat.put("stage", stage);
        cat.put("last_channel", lastChannel);

        household(household, asOf, num);
        return new FeatureVector(customer, asOf, num, cat);
    }

    private void complaints(List<HistoryItem> past, Instant asOf, Map<String, Double> num) {
        num.put("complaints_90d", (double) count(past, asOf, D90, i -> words.complaintTypes().contains(i.type())));
        num.put("complaints_365d", (double) count(past, asOf, D365, i -> words.complaintTypes().contains(i.type())));
        // Resolution time: complaint to the first follow-up before asOf; one with none yet is open.
        double hours = 0;
        int resolved = 0, open = 0;
        for (int k = 0; k < past.size(); k++) {
            HistoryItem c = past.get(k);
            if (!words.complaintTypes().contains(c.type()) || c.at().isBefore(asOf.minus(D365))) continue;
            Instant fix = null;
            for (int j = k + 1; j < past.size() && fix == null; j++)
                if (words.resolutionTypes().contains(past.get(j).type())) fix = past.get(j).at();
            if (fix == null) open++;
            else { resolved++; hours += Duration.between(c.at(), fix).toMinutes() / 60.0; }
        }
        num.put("complaint_resolution_hours", resolved == 0 ? 0.0 : hours / resolved);
        num.put("complaints_open", (double) open);
        Instant lastComplaint = null;
        for (HistoryItem i : past) if (words.complaintTypes().contains(i.type())) lastComplaint = i.at();
        num.put("days_since_complaint", lastComplaint == null ? NEVER_DAYS : days(lastComplaint, asOf));
    }

    private static void sentiment(List<HistoryItem> past, Instant asOf, Map<String, Double> num) {
        double recent = 0, earlier = 0;
        int nr = 0, ne = 0;
        for (HistoryItem i : past) {
            if (i.sentiment() == null) continue;
            if (!i.at().isBefore(asOf.minus(D90))) { recent += i.sentiment(); nr++; }
            else if (!i.at().isBefore(asOf.minus(D365))) { earlier += i.sentiment(); ne++; }
        }
        double r = nr == 0 ? 0 : recent / nr, e = ne == 0 ? 0 : earlier / ne;
        num.put("sentiment_90d", r);
        num.put("sentiment_trend", nr == 0 || ne == 0 ? 0.0 : r - e);
        num.put("messages_90d", (double) nr);
    }

    private void household(List<List<HistoryItem>> others, Instant asOf, Map<String, Double> num) {
        int churned = 0, complaints = 0;
        for (List<HistoryItem> h : others) {
            List<HistoryItem> past = before(h, asOf);
            if (past.stream().anyMatch(i -> words.churnTypes().contains(i.type()))) churned++;
            complaints += count(past, asOf, D365, i -> words.complaintTypes().contains(i.type()));
        }
        num.put("household_size", others.size() + 1.0);
        num.put("household_churned", (double) churned);
        num.put("household_complaints_365d", (double) complaints);
    }

    /** Whether something of the given types happens in (asOf, asOf + window]: the label of a training example. */
    public static boolean happensWithin(List<HistoryItem> history, Instant asOf, Duration window, Set<String> types) {
        Instant end = asOf.plus(window);
        for (HistoryItem i : history)
            if (i.at().isAfter(asOf) && !i.at().isAfter(end) && types.contains(i.type())) return true;
        return false;
    }

    static List<HistoryItem> before(List<HistoryItem> history, Instant asOf) {
        return history.stream().filter(i -> i.at().isBefore(asOf))
                .sorted(Comparator.comparing(HistoryItem::at)).toList();
    }

    private static long count(List<HistoryItem> past, Instant asOf, Duration window, Predicate<HistoryItem> p) {
        Instant from = asOf.minus(window);
        long n = 0;
        for (HistoryItem i : past) if (!i.at().isBefore(from) && p.test(i)) n++;
        return n;
    }

    private static double days(Instant from, Instant to) { return Duration.between(from, to).toMinutes() / 1440.0; }
}
