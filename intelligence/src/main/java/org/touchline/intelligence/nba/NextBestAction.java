package org.touchline.intelligence.nba;

import org.touchline.intelligence.features.FeatureVector;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Chooses the next best action for a customer at a moment (docs/intelligence.md). Every candidate is checked, in this
 * order, against the customer's consent for the action's purpose, its eligibility rule and the contact policy
 * (suppressions, the quiet period after a complaint, frequency caps per channel); the allowed ones are scored
 * propensity × value × weight × acceptance (or, when the catalogue arbitrates on uplift, the action's measured uplift
 * in the customer's segment × value × weight), and the best wins if it beats doing nothing. A customer in the winning
 * action's hold-out group is told so: the recommendation stands, but nothing is offered. Deterministic: the same
 * features, contacts, consents and outcomes give the same recommendation, ties broken by the catalogue's order.
 */
public final class NextBestAction {
    /** A model's probability for the customer with the features that drove it most (for the explanation). */
    public record PropensityScore(double probability, List<String> drivers) {}

    private final ActionCatalogue catalogue;

    public NextBestAction(ActionCatalogue catalogue) { this.catalogue = catalogue; }

    public ActionCatalogue catalogue() { return catalogue; }

    public Recommendation recommend(FeatureVector f, Map<String, PropensityScore> propensities, List<Contact> contacts,
                                    PurposeCheck consent, OutcomeTally outcomes) {
        Map<String, Object> features = f.asMap();
        // Scoring a customer with a model at all is personalisation: without that consent only actions that need no
        // model and serve the customer (service) remain.
        boolean personalise = consent.allows(f.customer(), "personalisation");
        String segment = catalogue.segmentOf(features);
        ActionCatalogue.UpliftPolicy uplifts = catalogue.uplift();
        List<Recommendation.Candidate> out = new ArrayList<>();
        for (ActionCatalogue.Entry e : catalogue.actions()) {
            CandidateAction a = e.action();
            List<String> blocked = new ArrayList<>();
            if (!"service".equals(a.purpose()) && !consent.allows(f.customer(), a.purpose()))
                blocked.add("no consent to " + a.purpose());
            if (!"none".equals(a.propensity()) && !personalise && !"personalisation".equals(a.purpose())) blocked.add("no consent to personalisation (needs the " + a.propensity() + " model)");
            if (!e.eligible().test(features)) blocked.add("not eligible: " + a.eligible());
            for (ActionCatalogue.CompiledSuppression s : catalogue.suppressions())
                if (s.suppression().covers(a) && s.when().test(features)) blocked.add("suppressed: " + s.suppression().name());
            ContactPolicy policy = catalogue.policy();
            if (policy.quietKinds().contains(a.kind()) && f.numeric().getOrDefault("days_since_complaint", Double.MAX_VALUE) < policy.quietDaysAfterComplaint())
                blocked.add("quiet period: a complaint less than " + policy.quietDaysAfterComplaint() + " days ago");
            if (a.outbound()) for (ContactPolicy.Cap cap : policy.caps()) {
                if (!cap.channel().equals(a.channel())) continue;
                long recent = contacts.stream().filter(c -> c.channel().equals(cap.channel())
                        && c.at().isAfter(f.asOf().minus(Duration.ofDays(cap.days()))) && !c.at().isAfter(f.asOf())).count();
                if (recent >= cap.max()) blocked.add("frequency cap: " + recent + " " + cap.channel() + " contacts in " + cap.days() + " days (max " + cap.max() + ")");
            }
            double p = 1, acceptance = a.kind() == CandidateAction.Kind.NOTHING ? 1 : outcomes.acceptance(a);
            List<String> drivers = List.of();
            if (!"none".equals(a.propensity())) {
                PropensityScore s = personalise ? propensities.get(a.propensity()) : null;
                if (s == null && personalise) blocked.add("no " + a.propensity() + " score for this customer");
                p = s == null ? 0 : s.probability();
                drivers = s == null ? List.of() : s.drivers();
            }
            Uplift measured = outcomes.uplift(a.id(), segment);
            Double uplift = a.kind() != CandidateAction.Kind.NOTHING && measured.measured(uplifts.minOutcomes()) ? measured.uplift() : null;
            // An action that changes nothing (or harms) is worth nothing, whoever would accept it.
            double score = a.kind() == CandidateAction.Kind.NOTHING ? a.weight()
                    : uplifts.arbitration() == ActionCatalogue.Arbitration.UPLIFT && uplift != null ? Math.max(0, uplift) * a.value() * a.weight()
                    : p * a.value() * a.weight() * acceptance;
            out.add(new Recommendation.Candidate(a.id(), a.kind().name().toLowerCase(), a.channel(), a.purpose(), p, a.value(),
                    a.weight(), acceptance, score, blocked, drivers, uplift));
        }
        // Stable sort: equal scores keep the catalogue's order.
        List<Recommendation.Candidate> ranked = new ArrayList<>(out);
        ranked.sort(Comparator.comparing(Recommendation.Candidate::allowed).reversed()
                .thenComparing(Comparator.comparingDouble(Recommendation.Candidate::score).reversed()));
        Recommendation.Candidate best = ranked.stream().filter(Recommendation.Candidate::allowed).findFirst()
                .orElseThrow(() -> new IllegalStateException("the catalogue's do-nothing action was blocked: it must need no consent and always be eligible"));
        boolean heldOut = !"nothing".equals(best.kind()) && catalogue.heldOut(f.customer(), best.action());
        String reason = reason(best, ranked, segment, uplifts.arbitration());
        if (heldOut) reason = String.format(Locale.ROOT, "held out to measure its uplift (%.0f %% of customers are): offer nothing, record the answer; ",
                100 * catalogue.holdoutShare(best.action())) + reason;
        return new Recommendation(f.customer(), f.asOf(), best.action(), best.channel(), best.purpose(), best.score(),
                reason, ranked, segment, heldOut);
    }

    private static String reason(Recommendation.Candidate best, List<Recommendation.Candidate> ranked, String segment, ActionCatalogue.Arbitration arbitration) {
        if ("nothing".equals(best.kind())) {
            long blocked = ranked.stream().filter(c -> !c.allowed()).count();
            return "no allowed action is worth more than doing nothing (" + blocked + " ruled out)";
        }
        String why = arbitration == ActionCatalogue.Arbitration.UPLIFT && best.uplift() != null
                ? String.format(Locale.ROOT, "%s: uplift %.3f in segment '%s' × value %.0f × weight %.2f = %.2f",
                        best.action(), best.uplift(), segment, best.value(), best.weight(), best.score())
                : String.format(Locale.ROOT, "%s: propensity %.2f × value %.0f × weight %.2f × acceptance %.2f = %.2f",
                        best.action(), best.propensity(), best.value(), best.weight(), best.acceptance(), best.score());
        return best.drivers().isEmpty() ? why : why + "; driven by " + String.join(", ", best.drivers());
    }
}
