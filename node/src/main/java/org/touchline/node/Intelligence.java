package org.touchline.node;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.touchline.domain.EntryKind;
import org.touchline.domain.EventEntry;
import org.touchline.domain.InteractionEntry;
import org.touchline.domain.InteractionJson;
import org.touchline.domain.PersonalPart;
import org.touchline.domain.Progress;
import org.touchline.domain.store.EventProjection;
import org.touchline.domain.store.LedgerStore;
import org.touchline.domain.store.ProjectionChanges;
import org.touchline.domain.store.TimelineProjection;
import org.touchline.domain.store.TimelineRow;
import org.touchline.intelligence.features.FeatureBuilder;
import org.touchline.intelligence.features.FeatureVector;
import org.touchline.intelligence.features.HistoryItem;
import org.touchline.intelligence.nba.ActionCatalogue;
import org.touchline.intelligence.nba.CandidateAction;
import org.touchline.intelligence.nba.Contact;
import org.touchline.intelligence.nba.NextBestAction;
import org.touchline.intelligence.nba.OutcomeTally;
import org.touchline.intelligence.nba.Recommendation;
import org.touchline.intelligence.nba.Uplift;
import org.touchline.intelligence.propensity.Algorithm;
import org.touchline.intelligence.propensity.Contribution;
import org.touchline.intelligence.propensity.DriftReference;
import org.touchline.intelligence.propensity.Evaluation;
import org.touchline.intelligence.propensity.Example;
import org.touchline.intelligence.propensity.HyperParameters;
import org.touchline.intelligence.propensity.ModelCard;
import org.touchline.intelligence.propensity.ModelShelf;
import org.touchline.intelligence.propensity.ModelVersion;
import org.touchline.intelligence.propensity.PropensityModel;
import org.touchline.intelligence.propensity.PropensityTrainer;
import org.touchline.intelligence.propensity.Score;
import org.touchline.intelligence.propensity.Split;
import org.touchline.intelligence.propensity.Splits;
import org.touchline.intelligence.sentiment.LabelledText;
import org.touchline.intelligence.sentiment.LexiconSentimentAnalyzer;
import org.touchline.intelligence.sentiment.SentimentAnalyzer;
import org.touchline.intelligence.sentiment.SentimentEvaluation;
import org.touchline.intelligence.sentiment.SentimentLearner;
import org.touchline.intelligence.sentiment.SentimentReading;
import org.touchline.intelligence.sentiment.TrainedSentimentAnalyzer;
import org.touchline.journeys.StageMap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Customer intelligence on this node's ledger (docs/intelligence.md): a customer's history as features at any moment, churn and
 * upsell propensities from the models on the shelf, the next best action under the contact policy, and the sentiment
 * of their messages. Every use of a customer's data for a purpose asks {@link Consents#allows} first: training
 * sets hold only customers who allow model training, scores and recommendations that use a model only those who allow
 * personalisation, offers only those who allow marketing.
 */
public final class Intelligence {
    public static final String MODELS_DIR = "models", ACTIONS_FILE = "next-best-actions.yaml", SENTIMENT_MODEL = "sentiment-model.ser";
    /** What the two propensities predict, and how far ahead. */
    public static final Duration HORIZON = Duration.ofDays(90);
    public static final Set<String> CHURN = Set.of("account_closed");
    public static final Set<String> UPSELL = Set.of("plan_changed", "upgrade_visit", "order_placed", "purchase");

    private final Path dataDir;
    private final LedgerStore ledger;
    private final TimelineProjection timelines;
    private final EventProjection events;
    private final Customers customers;
    private final Consents consents;
    private final Vault vault;
    private final CommandWriter writer;
    private final Clock clock;
    private final StageMap stages;
    private final FeatureBuilder features;
    private volatile SentimentAnalyzer sentiment;
    private final ModelShelf shelf;
    private final NextBestAction nba;
    private final Map<String, Optional<PropensityModel>> models = new ConcurrentHashMap<>();

    Intelligence(Path dataDir, LedgerStore ledger, TimelineProjection timelines, EventProjection events, Customers customers,
                 Consents consents, Vault vault, CommandWriter writer, StageMap stages, Clock clock) {
        this.dataDir = dataDir;
        this.ledger = ledger;
        this.timelines = timelines;
        this.events = events;
        this.customers = customers;
        this.consents = consents;
        this.vault = vault;
        this.writer = writer;
        this.clock = clock;
        this.stages = stages;
        Path dir = dataDir;
        this.features = new FeatureBuilder(FeatureBuilder.Vocabulary.defaults(Map.of()));
        this.sentiment = sentimentIn(dir);
        this.shelf = new ModelShelf(dir.resolve(MODELS_DIR));
        this.nba = new NextBestAction(catalogueIn(dir));
    }

    /** The company's own trained sentiment model if one is in the data directory, else the customer-care lexicon. */
    private static SentimentAnalyzer sentimentIn(Path dir) {
        Path file = dir.resolve(SENTIMENT_MODEL);
        // A file that is not a sentiment model stops the start with the reason (load says which file and why); a model
        // of an older feature definition gives way to the lexicon, with a warning, until it is retrained.
        Optional<TrainedSentimentAnalyzer> saved = Files.exists(file) ? TrainedSentimentAnalyzer.loadCurrent(file) : Optional.empty();
        return saved.<SentimentAnalyzer>map(m -> m).orElseGet(LexiconSentimentAnalyzer::customerCare);
    }

    private static ActionCatalogue catalogueIn(Path dir) {
        Path file = dir.resolve(ACTIONS_FILE);
        if (!Files.exists(file)) return ActionCatalogue.defaults();
        try {
            return ActionCatalogue.load(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }

    public SentimentAnalyzer sentiment() { return sentiment; }

    /**
     * The sentiment shown beside each interaction with text on a timeline page, by ledger index, with the analyzer that
     * read it (service: the agent reads the customer's words anyway). One analyzer reads the whole page, even if a
     * newly trained model replaces it meanwhile. Items without text (events, identity decisions, erased or empty
     * interactions) have none.
     */
    public Map<Long, SentimentReading> sentimentOf(Customers.TimelinePage page) {
        SentimentAnalyzer analyzer = sentiment;
        Map<Long, SentimentReading> read = new HashMap<>();
        for (Customers.TimelineItem item : page.items()) {
            String text = item.interaction() == null ? null : item.interaction().text();
            if (text != null && !text.isBlank()) read.computeIfAbsent(item.index(), i -> analyzer.read(text));
        }
        return read;
    }

    public ModelShelf shelf() { return shelf; }

    public ActionCatalogue catalogue() { return nba.catalogue(); }

    /**
     * The customer's history (their own interactions, with the stars they gave each and the sentiment of its text),
     * oldest first. Reading it is service: what the history is then used for asks for its own purpose.
     */
    public List<HistoryItem> history(String customerId) {
        String c = current(customerId);
        List<String> ids = customers.idsOf(c);
        List<TimelineRow> rows = timelines.timeline(ids, null, null, Integer.MAX_VALUE);
        Map<Long, Integer> stars = new HashMap<>();
        for (ProjectionChanges.EventRow r : events.events(ids, EventEntry.RATING))
            stars.put(r.event().about(), Integer.valueOf(r.event().field("rating")));
        List<HistoryItem> out = new ArrayList<>();
        for (int k = rows.size() - 1; k >= 0; k--) {
            TimelineRow r = rows.get(k);
            if (!r.role().equals("subject")) continue;
            byte[] leaf = ledger.leaf(r.index());
            if (EntryKind.of(leaf) != EntryKind.INTERACTION) continue;
            InteractionEntry e = InteractionEntry.parse(leaf);
            Double mood = vault.openPart(ledger, r.index()).map(PersonalPart::text)
                    .filter(t -> !t.isBlank()).map(t -> sentiment.of(t).score()).orElse(null);
            Integer rated = stars.getOrDefault(r.index(), e.rating());
            out.add(new HistoryItem(e.occurredAt(), e.channel(), e.type(), e.products(), rated, mood,
                    stages.stageOf(e.channel(), e.type(), e.source()).id()));
        }
        return out;
    }

    /** The members of the customer's household besides the customer, by current id. */
    private List<String> household(String c) {
        List<String> members = customers.group(c, Set.of("household"), clock.instant().atZone(ZoneOffset.UTC).toLocalDate());
        return members.subList(Math.min(1, members.size()), members.size());
    }

    /** The customer's features at {@code asOf}, for personalisation (refused without that consent). */
    public FeatureVector features(String customerId, Instant asOf) {
        String c = current(customerId);
        requireConsent(c, "personalisation");
        return featuresOf(c, asOf);
    }

    private FeatureVector featuresOf(String c, Instant asOf) {
        List<List<HistoryItem>> household = new ArrayList<>();
        for (String m : household(c)) household.add(history(m));
        return features.at(c, history(c), household, asOf);
    }

    /** Churn and upsell propensities of the customer at {@code asOf}, with their drivers; empty without personalisation consent. */
    public Map<String, Score> propensities(String customerId, Instant asOf) {
        String c = current(customerId);
        if (!consents.allows(c, "personalisation")) return Map.of();
        return scores(featuresOf(c, asOf));
    }

    private Map<String, Score> scores(FeatureVector f) {
        Map<String, Score> out = new TreeMap<>();
        for (String name : List.of("churn", "upsell"))
            model(name).ifPresent(m -> out.put(name, m.score(example(f, null))));
        return out;
    }

    /** The newest shelved version of a model, read once (training a new version resets it). */
    public Optional<PropensityModel> model(String name) {
        return models.computeIfAbsent(name, n -> {
            try {
                return shelf.latest(n);
            } catch (IOException e) {
                throw new UncheckedIOException("model " + n + " cannot be read from the shelf", e);
            }
        });
    }

    static Example example(FeatureVector f, Boolean label) {
        return new Example(f.customer() + "@" + f.asOf(), f.customer(), f.asOf(), f.numeric(), f.categorical(), label);
    }

    /** The next best action for the customer at {@code at}, explained; not recorded (see {@link #record}). */
    public Recommendation recommend(String customerId, Instant at) {
        String c = current(customerId);
        FeatureVector f = featuresOf(c, at);
        Map<String, NextBestAction.PropensityScore> p = new HashMap<>();
        // Scores are computed only for customers who allow personalisation; the arbitration then refuses every
        // candidate that needs one for anyone else, with that reason.
        if (consents.allows(c, "personalisation"))
            scores(f).forEach((name, s) -> p.put(name, new NextBestAction.PropensityScore(s.probability(),
                    s.top().stream().limit(3).map(Intelligence::driver).toList())));
        List<Contact> contacts = new ArrayList<>();
        // When the offer was made (a campaign's history is recorded after the fact). A held-out customer counts as
        // contacted too: both groups go through the same caps, or they would stop being alike.
        for (ProjectionChanges.EventRow r : events.events(List.of(c), EventEntry.RECOMMENDATION))
            contacts.add(new Contact(r.event().occurredAt(), r.event().field("channel"), r.event().field("action")));
        return nba.recommend(f, p, contacts, (who, purpose) -> consents.allows(who, purpose), tally());
    }

    private static String driver(Contribution c) {
        return String.format(Locale.ROOT, "%s=%s (%+.2f)", c.feature(), c.value(), c.logOdds());
    }

    private volatile OutcomeTally tally;
    private volatile long tallyAt = -1;

    /**
     * Every recorded outcome so far, per action: the feedback the arbitration weighs acceptance by. Counted again only
     * when the ledger has grown, so a recommendation does not read every outcome ever recorded.
     */
    public OutcomeTally tally() {
        long size = ledger.size();
        OutcomeTally t = tally;
        if (t != null && tallyAt == size) return t;
        OutcomeTally fresh = new OutcomeTally();
        // Outcomes recorded before segments and hold-outs were carry neither: offers made, to everyone.
        events.allEvents(EventEntry.OUTCOME, r -> fresh.add(r.event().field("action"), r.event().field("segment"),
                "true".equals(r.event().field("holdout")), r.event().field("outcome")));
        tally = fresh;
        tallyAt = size;
        return fresh;
    }

    /**
     * The measured uplift of every action with recorded outcomes, per segment and over all of them: acceptance when
     * offered against acceptance when held out, with its 95 % interval.
     */
    public List<Uplift> uplift() { return tally().uplifts(); }

    /**
     * A next-best-action run at {@code at}: a recommendation (doing nothing included) for every customer who allows
     * personalisation. Anyone who withdrew that consent is not in the run at all.
     */
    public List<Recommendation> run(Instant at, Progress progress) {
        List<String> audience = consents.audience("personalisation");
        List<Recommendation> out = new ArrayList<>();
        for (int k = 0; k < audience.size(); k++) {
            out.add(recommend(audience.get(k), at));
            if (k % 100 == 0) progress.update("next best actions", k, audience.size());
        }
        progress.update("next best actions", audience.size(), audience.size());
        return out;
    }

    /**
     * Records a recommendation on the ledger (an agent made the offer, a campaign sent it, or, for a customer in the
     * action's hold-out group, nothing was offered). Returns its entry. The hold-out is decided here, from the
     * catalogue, whatever the caller says, and recorded on the entry with the customer's segment.
     */
    public long record(Recommendation r, String actor) {
        if (r.action().equals("do-nothing")) throw new IllegalArgumentException("doing nothing is not recorded");
        String c = current(r.customer());
        EventEntry e = new EventEntry(EventEntry.RECOMMENDATION, -1, clock.instant(), c,
                recommendationFields(c, r.action(), r.channel(), r.purpose(), r.segment(), r.score(), r.reason(), actor), null);
        return writer.command(actor == null ? "touchline" : actor, (index, graph, ch) -> List.of(CommandEntry.recorded(e)));
    }

    private TreeMap<String, String> recommendationFields(String customer, String action, String channel, String purpose, String segment,
                                                         double score, String reason, String actor) {
        Map<String, String> fields = new TreeMap<>(Map.of("action", action, "channel", channel, "purpose", purpose,
                "score", String.format(Locale.ROOT, "%.4f", score), "catalogue", nba.catalogue().version(),
                "segment", segment == null ? ActionCatalogue.EVERYONE : segment,
                "holdout", Boolean.toString(nba.catalogue().heldOut(customer, action))));
        fields.put("reason", reason.length() > 500 ? reason.substring(0, 500) : reason);
        if (actor != null && !actor.isBlank()) fields.put("actor", actor);
        return new TreeMap<>(fields);
    }

    /** How the customer answered a recorded recommendation: accepted, declined or ignored. Returns the outcome's entry. */
    public long outcome(long recommendation, String outcome, String channel) {
        if (!OUTCOMES.contains(outcome)) throw new IllegalArgumentException("outcome '" + outcome + "' is not one of accepted, declined, ignored");
        EventEntry rec = recommendation(recommendation);
        if (!events.eventsAbout(recommendation, EventEntry.OUTCOME).isEmpty())
            throw new IllegalStateException("recommendation " + recommendation + " already has its outcome");
        EventEntry e = new EventEntry(EventEntry.OUTCOME, recommendation, clock.instant(), current(rec.customerId()),
                outcomeFields(rec.fields(), outcome, channel, null), null);
        return writer.command("touchline", (index, graph, ch) -> List.of(CommandEntry.recorded(e)));
    }

    private EventEntry recommendation(long entry) {
        if (entry < 0 || entry >= ledger.size()) throw new NoSuchElementException("no entry " + entry);
        byte[] leaf = ledger.leaf(entry);
        EventEntry rec = EntryKind.of(leaf) == EntryKind.EVENT ? EventEntry.parse(leaf) : null;
        if (rec == null || !rec.kind().equals(EventEntry.RECOMMENDATION))
            throw new IllegalArgumentException("entry " + entry + " is not a recommendation");
        return rec;
    }

    /** An outcome carries its recommendation's action, segment and group, so the uplift is counted from outcomes alone. */
    private static TreeMap<String, String> outcomeFields(Map<String, String> recommendation, String outcome, String channel, Instant occurredAt) {
        if (!OUTCOMES.contains(outcome)) throw new IllegalArgumentException("outcome '" + outcome + "' is not one of accepted, declined, ignored");
        TreeMap<String, String> fields = new TreeMap<>(Map.of("outcome", outcome, "action", recommendation.get("action")));
        for (String f : List.of("segment", "holdout")) if (recommendation.containsKey(f)) fields.put(f, recommendation.get(f));
        if (channel != null && !channel.isBlank()) fields.put("channel", channel);
        if (occurredAt != null) fields.put(EventEntry.OCCURRED_AT, occurredAt.toString());
        return fields;
    }

    private static final List<String> OUTCOMES = List.of("accepted", "declined", "ignored");

    /** An action a campaign tool sent (or, for a held-out customer, would have sent) to a customer at a moment. */
    public record SentOffer(String customer, String action, Instant at) {}
    /** A sent offer placed by this node: the customer's segment at that moment and whether they are in the hold-out. */
    public record PlacedOffer(SentOffer sent, String segment, boolean heldOut) {}
    /** What the customer did, and when. */
    public record Answer(String outcome, Instant at) {}

    /**
     * Offers made outside the node (a campaign tool's history), each recorded as a recommendation with its segment and
     * hold-out decided here, exactly as {@link #record} does, and the customer's answer to it as its outcome, both at
     * the times they happened. {@code answers} is told the segment and group of each offer, as a campaign tool is told
     * whom to leave out. A customer who does not allow the action's purpose is refused with the offer's number, before
     * anything is written. Returns the number of offers recorded.
     */
    public int recordOffers(List<SentOffer> sent, Function<PlacedOffer, Answer> answers, String actor, Progress progress) {
        Map<String, List<Integer>> byCustomer = new LinkedHashMap<>();
        for (int k = 0; k < sent.size(); k++) {
            SentOffer s = sent.get(k);
            String where = "offer " + (k + 1) + " (customer " + s.customer() + ", action " + s.action() + ")";
            var entry = nba.catalogue().actions().stream().filter(e -> e.action().id().equals(s.action())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(where + ": field 'action': not in the catalogue " + nba.catalogue().version()));
            if (entry.action().kind() == CandidateAction.Kind.NOTHING)
                throw new IllegalArgumentException(where + ": doing nothing is not recorded");
            // The same bounds as an interaction's occurredAt: not before 1970, not more than a day ahead (clock skew).
            if (s.at().isBefore(Instant.EPOCH) || s.at().isAfter(clock.instant().plus(Duration.ofDays(1))))
                throw new IllegalArgumentException(where + ": field 'at': " + s.at() + " is not a time an offer can have been sent: before 1970 or in the future");
            String c = customers.current(s.customer()).orElseThrow(() -> new NoSuchElementException(where + ": no such customer"));
            String purpose = entry.action().purpose();
            if (!purpose.equals("service") && !consents.allows(c, purpose))
                throw new ConsentRequired(where + ": the customer has not consented to " + purpose);
            byCustomer.computeIfAbsent(c, x -> new ArrayList<>()).add(k);
        }
        List<EventEntry[]> pairs = new ArrayList<>(sent.size());
        int done = 0;
        for (Map.Entry<String, List<Integer>> e : byCustomer.entrySet()) {
            // One read of the customer's (and household's) history for all their offers.
            String c = e.getKey();
            List<HistoryItem> h = history(c);
            List<List<HistoryItem>> household = new ArrayList<>();
            for (String m : household(c)) household.add(history(m));
            for (int k : e.getValue()) {
                SentOffer s = sent.get(k);
                CandidateAction a = nba.catalogue().actions().stream().map(ActionCatalogue.Entry::action).filter(x -> x.id().equals(s.action())).findFirst().orElseThrow();
                String segment = nba.catalogue().segmentOf(features.at(c, h, household, s.at()).asMap());
                TreeMap<String, String> rec = recommendationFields(c, a.id(), a.channel(), a.purpose(), segment, 0, "sent by a campaign", actor);
                rec.put(EventEntry.OCCURRED_AT, s.at().toString());
                Answer answer = answers.apply(new PlacedOffer(s, segment, Boolean.parseBoolean(rec.get("holdout"))));
                if (answer.at().isBefore(s.at()) || answer.at().isAfter(clock.instant().plus(Duration.ofDays(1))))
                    throw new IllegalArgumentException("offer " + (k + 1) + " (customer " + s.customer() + ", action " + s.action() + "): the answer's time "
                            + answer.at() + " is before the offer or in the future");
                Instant now = clock.instant();
                pairs.add(new EventEntry[] {new EventEntry(EventEntry.RECOMMENDATION, -1, now, c, rec, null),
                        new EventEntry(EventEntry.OUTCOME, -1, now, c, outcomeFields(rec, answer.outcome(), a.channel(), answer.at()), null)});
            }
            progress.update("offers", done += e.getValue().size(), sent.size());
        }
        // A command per thousand offers: each outcome is about the recommendation just before it.
        for (int from = 0; from < pairs.size(); from += 1000) {
            List<EventEntry[]> batch = pairs.subList(from, Math.min(pairs.size(), from + 1000));
            writer.command(actor == null ? "touchline" : actor, (index, graph, ch) -> {
                List<CommandEntry> out = new ArrayList<>(2 * batch.size());
                for (int k = 0; k < batch.size(); k++) {
                    EventEntry o = batch.get(k)[1];
                    out.add(CommandEntry.recorded(batch.get(k)[0]));
                    out.add(CommandEntry.recorded(new EventEntry(o.kind(), index + 2L * k, o.at(), o.customerId(), o.fields(), null)));
                }
                return out;
            });
        }
        return pairs.size();
    }

    /**
     * A training set for {@code model} ("churn" or "upsell"): for every customer who allows model training, one
     * example per {@code step} from {@code from} while they are a customer and the label's horizon has passed by
     * {@code to}: features at that moment (nothing later), label whether they churned (or bought) within the horizon.
     */
    public List<Example> trainingSet(String model, Instant from, Instant to, Duration step, Progress progress) {
        return trainingSets(List.of(model), from, to, step, progress).get(model);
    }

    /** {@link #trainingSet} for several models from one pass over the customers: the same moments, each model's labels. */
    public Map<String, List<Example>> trainingSets(List<String> models, Instant from, Instant to, Duration step, Progress progress) {
        Map<String, Set<String>> labels = new LinkedHashMap<>();
        for (String model : models)
            labels.put(model, switch (model) {
                case "churn" -> CHURN;
                case "upsell" -> UPSELL;
                default -> throw new IllegalArgumentException("model '" + model + "' is not one of churn, upsell");
            });
        String phase = "training set " + String.join(", ", models);
        List<String> audience = consents.audience("model_training");
        Map<String, List<Example>> out = new LinkedHashMap<>();
        labels.keySet().forEach(m -> out.put(m, new ArrayList<>()));
        // A household's histories are read once, however many of its members are in the audience (only households are
        // kept: a node of a million customers does not hold every history).
        Map<String, List<HistoryItem>> households = new HashMap<>();
        for (int k = 0; k < audience.size(); k++) {
            String c = audience.get(k);
            List<String> members = household(c);
            List<HistoryItem> h = members.isEmpty() ? history(c) : households.computeIfAbsent(c, this::history);
            if (h.isEmpty()) continue;
            List<List<HistoryItem>> household = new ArrayList<>();
            for (String m : members) household.add(households.computeIfAbsent(m, this::history));
            for (Instant t = from; !t.plus(HORIZON).isAfter(to); t = t.plus(step)) {
                final Instant at = t;
                if (!h.get(0).at().isBefore(at)) continue;                                   // not yet a customer
                if (h.stream().anyMatch(i -> CHURN.contains(i.type()) && !i.at().isAfter(at))) break;   // gone
                FeatureVector f = features.at(c, h, household, at);
                labels.forEach((m, types) -> out.get(m).add(example(f, FeatureBuilder.happensWithin(h, at, HORIZON, types))));
            }
            if (k % 100 == 0) progress.update(phase, k, audience.size());
        }
        progress.update(phase, audience.size(), audience.size());
        return out;
    }

    /** A new model version was shelved: later scores use it. */
    public void reloadModels() { models.clear(); }

    /**
     * A trained, shelved model with how it did on honest splits: by customer (a quarter of the customers held out
     * entirely) and by time (trained on the moments whose outcome was known before the last quarter of the period,
     * tested on that quarter), each on a model trained on its own training part only.
     */
    public record Trained(ModelCard card, int examples, int positives,
                          Evaluation byCustomer,
                          Evaluation byTime, Instant timeCutoff) {}

    public static final String EVALUATION_FILE = "evaluation.json", DRIFT_REFERENCE_FILE = "drift-reference.json";
    /** Customers a monitoring run reads at most (evenly spread over those who allow model training). */
    public static final int MONITORING_SAMPLE = 600;
    /** A model whose AUC on recent outcomes fell this far below its AUC on the later period at training should be retrained. */
    public static final double AUC_DROP = 0.05;
    /** Calibration in the large: mean predicted against observed rate; a ratio beyond 1.5 either way asks for retraining. */
    public static final double CALIBRATION_RATIO = 1.5;

    /**
     * How a shelved model is doing on recent data: the population stability index of each feature between its training
     * data and the customers now, and, on the customers' moments one horizon ago whose outcome is now known, its AUC and
     * calibration; with the reasons to retrain it, if any.
     */
    public record Monitoring(String model, Instant at, int customers, List<DriftReference.FeatureDrift> drift,
                             Evaluation recent, Double meanPredicted, Double observedRate,
                             Double aucAtTraining, List<String> retrain) {}

    /** {@link Monitoring} of the newest version of {@code name} at {@code at}, on customers who allow model training. */
    public Monitoring monitoring(String name, Instant at) throws IOException {
        Set<String> labels = switch (name) {
            case "churn" -> CHURN;
            case "upsell" -> UPSELL;
            default -> throw new NoSuchElementException("no model '" + name + "': churn or upsell");
        };
        PropensityModel model = model(name).orElseThrow(() -> new NoSuchElementException("no " + name + " model on the shelf yet"));
        Path dir = dataDir.resolve(MODELS_DIR).resolve(name).resolve(Integer.toString(model.version().version()));
        Path referenceFile = dir.resolve(DRIFT_REFERENCE_FILE);
        if (!Files.exists(referenceFile))
            throw new IllegalStateException(model.version() + " was trained before drift references were kept: retrain it to monitor it");
        var reader = InteractionJson.MAPPER;
        var reference = reader.readValue(referenceFile.toFile(), DriftReference.class);
        List<String> audience = consents.audience("model_training");
        int step = Math.max(1, audience.size() / MONITORING_SAMPLE);
        Instant then = at.minus(HORIZON);
        List<Example> now = new ArrayList<>(), past = new ArrayList<>();
        for (int k = 0; k < audience.size(); k += step) {
            String c = audience.get(k);
            List<HistoryItem> h = history(c);
            if (h.isEmpty()) continue;
            List<List<HistoryItem>> household = new ArrayList<>();
            for (String m : household(c)) household.add(history(m));
            if (customerAt(h, at)) now.add(example(features.at(c, h, household, at), null));
            if (customerAt(h, then)) past.add(example(features.at(c, h, household, then), FeatureBuilder.happensWithin(h, then, HORIZON, labels)));
        }
        if (now.isEmpty()) throw new IllegalStateException("no customer who allows model training was a customer at " + at);
        var drift = reference.stability(now);
        List<String> retrain = new ArrayList<>();
        drift.stream().filter(d -> d.psi() > DriftReference.SHIFTED)
                .forEach(d -> retrain.add(String.format(Locale.ROOT, "%s has shifted since training (PSI %.2f)", d.feature(), d.psi())));
        Evaluation recent = null;
        Double predicted = null, observed = null;
        if (past.stream().anyMatch(Example::label) && past.stream().anyMatch(e -> !e.label())) {
            double[] p = model.probabilities(past);
            List<Evaluation.Outcome> outcomes = new ArrayList<>();
            for (int k = 0; k < p.length; k++) outcomes.add(new Evaluation.Outcome(p[k], past.get(k).label()));
            recent = Evaluation.of(outcomes);
            predicted = Arrays.stream(p).average().orElse(0);
            observed = past.stream().filter(Example::label).count() / (double) past.size();
            if (predicted > observed * CALIBRATION_RATIO || predicted * CALIBRATION_RATIO < observed)
                retrain.add(String.format(Locale.ROOT, "its probabilities are off: %.1f %% predicted on average, %.1f %% happened", 100 * predicted, 100 * observed));
        }
        Double trainedAuc = null;
        Path evaluation = dir.resolve(EVALUATION_FILE);
        if (Files.exists(evaluation)) {
            var byTime = reader.readTree(evaluation.toFile()).path("byTime").path("auc");
            if (byTime.isNumber()) trainedAuc = byTime.asDouble();
        }
        if (recent != null && trainedAuc != null && recent.auc() < trainedAuc - AUC_DROP)
            retrain.add(String.format(Locale.ROOT, "it ranks worse than at training: AUC %.3f on recent outcomes, %.3f then", recent.auc(), trainedAuc));
        return new Monitoring(model.version().toString(), at, now.size(), drift, recent, predicted, observed, trainedAuc, retrain);
    }

    /** Whether the history shows a customer at {@code at}: they had begun and not yet left. */
    private static boolean customerAt(List<HistoryItem> h, Instant at) {
        return h.get(0).at().isBefore(at) && h.stream().noneMatch(i -> CHURN.contains(i.type()) && !i.at().isAfter(at));
    }

    /** Trains the next version of {@code name} ("churn" or "upsell") on the ledger's consenting customers, evaluates and shelves it. */
    public Trained train(String name, Algorithm algorithm, Instant from, Instant to, Progress progress)
            throws IOException {
        return train(trainingSet(name, from, to, Duration.ofDays(30), progress), name, algorithm, from, to, progress);
    }

    /**
     * {@link #train} for several models, their training sets built in one pass over the customers. A model whose set is
     * too small to train and evaluate honestly is left out, and {@code refused} told why.
     */
    public List<Trained> train(List<String> names, Algorithm algorithm, Instant from, Instant to,
                               Progress progress, Consumer<String> refused) throws IOException {
        Map<String, List<Example>> sets = trainingSets(names, from, to, Duration.ofDays(30), progress);
        List<Trained> out = new ArrayList<>();
        for (String name : names) {
            try {
                out.add(train(sets.get(name), name, algorithm, from, to, progress));
            } catch (IllegalStateException tooFew) {
                refused.accept(tooFew.getMessage());
            }
        }
        return out;
    }

    private Trained train(List<Example> examples, String name, Algorithm algorithm, Instant from,
                          Instant to, Progress progress) throws IOException {
        long positives = examples.stream().filter(Example::label).count();
        if (examples.size() < 200 || positives < 20)
            throw new IllegalStateException("only " + examples.size() + " examples (" + positives + " positive) from customers who allow model "
                    + "training between " + from + " and " + to + ": too few to train and evaluate " + name + " honestly");
        var parameters = algorithm == Algorithm.LOGISTIC
                ? HyperParameters.Logistic.defaults()
                : HyperParameters.Boosting.defaults();
        var trainer = new PropensityTrainer(parameters);
        var version = shelf.nextVersion(name);

        progress.update("evaluate " + name, 0, 2);
        var byCustomer = evaluate(trainer, version, Splits.byGroup(examples, 0.25, 20261123L));
        List<Instant> moments = examples.stream().map(Example::asOf).sorted().toList();
        Instant cutoff = moments.get(moments.size() * 3 / 4);
        var time = Splits.byTime(examples, cutoff);
        // Only moments whose outcome was known before the cutoff may train: a label looks HORIZON ahead.
        var known = new Split(time.train().stream()
                .filter(e -> !e.asOf().plus(HORIZON).isAfter(cutoff)).toList(), time.test());
        progress.update("evaluate " + name, 1, 2);
        var byTime = evaluate(trainer, version, known);
        progress.update("evaluate " + name, 2, 2);

        PropensityModel model = shelf.train(name, trainer, examples);
        Trained t = new Trained(model.card(), examples.size(), (int) positives, byCustomer, byTime, cutoff);
        Path dir = dataDir.resolve(MODELS_DIR).resolve(name).resolve(Integer.toString(model.version().version()));
        var json = InteractionJson.MAPPER.copy().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).writerWithDefaultPrettyPrinter();
        json.writeValue(dir.resolve(EVALUATION_FILE).toFile(), t);
        // What the training data looked like, for the drift of what the model scores later.
        json.writeValue(dir.resolve(DRIFT_REFERENCE_FILE).toFile(), DriftReference.of(examples));
        reloadModels();
        return t;
    }

    private static Evaluation evaluate(PropensityTrainer trainer,
            ModelVersion version, Split split) {
        if (split.train().stream().noneMatch(Example::label) || split.test().stream().noneMatch(Example::label))
            throw new IllegalStateException("a split has no positive example on one side: too few outcomes to evaluate honestly");
        PropensityModel m = trainer.train(version, split.train());
        double[] p = m.probabilities(split.test());
        List<Evaluation.Outcome> outcomes = new ArrayList<>();
        for (int k = 0; k < p.length; k++) outcomes.add(new Evaluation.Outcome(p[k], split.test().get(k).label()));
        return Evaluation.of(outcomes);
    }

    /**
     * A sentiment model trained on the company's own rated messages, how it did on the fifth held out against the
     * default, and where it was saved: null when it did not beat the default there, which then stays in use.
     */
    public record SentimentTraining(int examples, SentimentEvaluation trained,
                                    SentimentEvaluation lexicon, Path file) {
        public boolean kept() { return file != null; }
    }

    /**
     * Rated messages needed before a model is worth learning. On the shared airline tweets standing in for a company's
     * messages, the learned model beat the default customer-care lexicon from about 200 (macro-F1 0.695 against
     * 0.689 on the same tweets) and passed 0.70 at 400 (0.707; the learning curve in docs/intelligence.md).
     */
    public static final int MIN_RATED_MESSAGES = 200;

    /**
     * Trains the sentiment learner on the company's own rated interactions (docs/intelligence.md): every interaction with
     * text and stars (the source's own score, or the customer's rating entry) of a customer who allows model training,
     * stars as labels (1–2 negative, 3 neutral, 4–5 positive). Every fifth message (by entry) is held out to compare the
     * trained model with the lexicon default; if it did better there, the model is trained on all, saved where the node
     * loads it from, and used from now on.
     */
    public SentimentTraining trainSentiment(Progress progress) {
        Set<String> allowed = new HashSet<>(consents.audience("model_training"));
        Map<Long, Integer> stars = new HashMap<>();
        events.allEvents(EventEntry.RATING, r -> stars.put(r.event().about(), Integer.valueOf(r.event().field("rating"))));
        Map<Long, String> owner = new HashMap<>();
        timelines.allTimeline("subject", r -> { if (allowed.contains(r.customerId())) owner.put(r.index(), r.customerId()); });
        List<LabelledText> all = new ArrayList<>(), held = new ArrayList<>(), rest = new ArrayList<>();
        long size = ledger.size();
        ledger.scanLeaves(0, size, (i, leaf) -> {
            if (!owner.containsKey(i) || EntryKind.of(leaf) != EntryKind.INTERACTION) return;
            InteractionEntry e = InteractionEntry.parse(leaf);
            Integer rated = stars.getOrDefault(i, e.rating());
            if (rated == null) return;
            vault.openPart(ledger, i).map(PersonalPart::text).filter(t -> !t.isBlank()).ifPresent(t -> {
                var x = LabelledText.fromRating(t, rated);
                all.add(x);
                (all.size() % 5 == 0 ? held : rest).add(x);
            });
            if (i % 10_000 == 0) progress.update("rated messages", i, size);
        });
        progress.update("rated messages", size, size);
        if (all.size() < MIN_RATED_MESSAGES)
            throw new IllegalStateException("only " + all.size() + " rated messages from customers who allow model training: a learned model needs "
                    + MIN_RATED_MESSAGES + " to beat the default customer-care lexicon");
        var learner = new SentimentLearner();
        var check = SentimentEvaluation.of(learner.train(rest), held);
        var lexicon = SentimentEvaluation.of(LexiconSentimentAnalyzer.customerCare(), held);
        // Never replace the default with something worse: the model is kept only if it beat the default on the fifth held out.
        if (check.macroF1() <= lexicon.macroF1()) return new SentimentTraining(all.size(), check, lexicon, null);
        Path file = dataDir.resolve(SENTIMENT_MODEL);
        var trained = learner.train(all);
        trained.save(file);
        sentiment = trained;
        return new SentimentTraining(all.size(), check, lexicon, file);
    }

    /** The evaluation saved with a shelved model, as JSON text, if there is one. */
    public Optional<String> evaluationOf(ModelVersion version) throws IOException {
        Path f = dataDir.resolve(MODELS_DIR).resolve(version.name()).resolve(Integer.toString(version.version())).resolve(EVALUATION_FILE);
        return Files.exists(f) ? Optional.of(Files.readString(f)) : Optional.empty();
    }

    private void requireConsent(String c, String purpose) {
        if (!consents.allows(c, purpose))
            throw new ConsentRequired("customer " + c + " has not consented to " + purpose);
    }

    /** Reading a customer's data for a purpose they did not consent to. */
    public static final class ConsentRequired extends IllegalStateException {
        public ConsentRequired(String message) { super(message); }
    }

    private String current(String customerId) {
        return customers.current(customerId).orElseThrow(() -> new NoSuchElementException("no customer " + customerId));
    }
}
