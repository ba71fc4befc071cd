package org.touchline.identity;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.touchline.domain.IdentityDecision;
import org.touchline.identity.match.OnlineMatch;
import org.touchline.identity.match.OnlineMatcher;
import org.touchline.identity.match.PersonMatchModel;
import org.touchline.identity.match.PersonProfile;

import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Learning from the review queue, measured the way the node decides: FEBRL records offered one at a time to the
 * online matcher under the person model fitted to them ({@code touchline identity fit}), linked, queued for review or
 * given a customer of their own as {@link OnlineProfiles#judge} rules. A reviewer answers every queued pair from the
 * truth file; the model corrected by those answers ({@code identity fit --reviewed-from-node}) then resolves the same
 * records again, as {@code identity resolve --all} would. Its F1 must hold or improve; both are printed for
 * docs/benchmarks.md. Data from ../shared/data, read in place.
 */
class ReviewedOnlineMatchingTest {
    /** {@code merged}: the customers as they are once the reviewer's "same" answers are accepted (each merges two). */
    record Run(Map<String, String> customerOf, List<PersonMatchModel.ReviewAnswer> answers, int reviews, int accepted,
               Map<String, String> merged) {}

    private static Path data(String file) {
        String root = System.getProperty("touchline.sharedData");
        Assumptions.assumeTrue(root != null, "touchline.sharedData is not set: run through Maven");
        Path p = Path.of(root).resolve("febrl").resolve(file);
        Assumptions.assumeTrue(Files.exists(p), "no evaluation data at " + p);
        return p;
    }

    /** Record id to profile, in file order: name, date of birth, postcode, and the address written out. */
    static Map<String, PersonProfile> records(Path csv) throws Exception {
        Map<String, PersonProfile> out = new LinkedHashMap<>();
        try (BufferedReader in = Files.newBufferedReader(csv)) {
            in.readLine();
            for (String line; (line = in.readLine()) != null; ) {
                String[] f = line.split(",", -1);
                for (int k = 0; k < f.length; k++) f[k] = f[k].strip();
                String name = (f[1] + " " + f[2]).strip();
                String dob = f[9].length() == 8 ? f[9].substring(0, 4) + "-" + f[9].substring(4, 6) + "-" + f[9].substring(6) : null;
                String address = String.join(" ", f[3], f[4], f[5], f[6]).strip().replaceAll(" +", " ");
                out.put(f[0], PersonProfile.of(name.isEmpty() ? null : name, dob, f[7].isEmpty() ? null : f[7],
                        address.isEmpty() ? null : address, List.of(), List.of()));
            }
        }
        return out;
    }

    static Set<String> truth(Path csv) throws Exception {
        Set<String> out = new HashSet<>();
        List<String> lines = Files.readAllLines(csv);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            out.add(pair(f[0].strip(), f[1].strip()));
        }
        return out;
    }

    static String pair(String a, String b) { return a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a; }

    /** The online resolution of every record in order; each queued pair answered from {@code truth}. */
    static Run resolve(PersonMatchModel model, Map<String, PersonProfile> records, Set<String> truth) {
        OnlineMatcher matcher = new OnlineMatcher(model);
        Map<String, String> customerOf = new HashMap<>();
        Map<String, List<String>> members = new HashMap<>();
        List<PersonMatchModel.ReviewAnswer> answers = new ArrayList<>();
        Map<String, String> mergedInto = new HashMap<>();
        int reviews = 0, accepted = 0;
        for (var e : records.entrySet()) {
            String id = e.getKey();
            Optional<OnlineMatch> best = matcher.best(e.getValue(), c -> true);
            Optional<ProfileMatcher.Match> judged = best.flatMap(m -> OnlineProfiles.judge(model, m));
            if (judged.isPresent() && judged.get().link()) {
                String c = judged.get().customerId();
                customerOf.put(id, c);
                members.get(c).add(id);
                matcher.put(c, matcher.profile(c).orElseThrow().mergedWith(e.getValue()));
                continue;
            }
            customerOf.put(id, id);
            members.put(id, new ArrayList<>(List.of(id)));
            matcher.put(id, e.getValue());
            if (judged.isEmpty()) continue;
            reviews++;
            boolean same = members.get(judged.get().customerId()).stream().anyMatch(m -> truth.contains(pair(id, m)));
            if (same) {
                accepted++;
                mergedInto.put(id, judged.get().customerId());
            }
            Map<String, String> levels = new LinkedHashMap<>();
            for (IdentityDecision.Contribution c : judged.get().score().contributions()) levels.put(c.field(), c.level());
            answers.add(new PersonMatchModel.ReviewAnswer(levels, same));
        }
        Map<String, String> merged = new HashMap<>();
        customerOf.forEach((r, c) -> {
            String x = c;
            while (mergedInto.containsKey(x)) x = mergedInto.get(x);
            merged.put(r, x);
        });
        return new Run(customerOf, answers, reviews, accepted, merged);
    }

    static double[] precisionRecallF1(Map<String, String> customerOf, Set<String> truth) {
        Map<String, List<String>> clusters = new HashMap<>();
        customerOf.forEach((r, c) -> clusters.computeIfAbsent(c, k -> new ArrayList<>()).add(r));
        long predicted = 0, right = 0;
        for (List<String> members : clusters.values())
            for (int i = 0; i < members.size(); i++)
                for (int j = i + 1; j < members.size(); j++) {
                    predicted++;
                    if (truth.contains(pair(members.get(i), members.get(j)))) right++;
                }
        double p = predicted == 0 ? 0 : right / (double) predicted, r = right / (double) truth.size();
        return new double[]{p, r, p + r == 0 ? 0 : 2 * p * r / (p + r)};
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void answeringTheReviewQueueHoldsOrImprovesF1(int set) throws Exception {
        Map<String, PersonProfile> records = records(data("febrl_dataset" + set + ".csv"));
        Set<String> truth = truth(data("febrl_dataset" + set + "_true_pairs.csv"));
        PersonMatchModel fitted = PersonMatchModel.fit(records.values());
        Run before = resolve(fitted, records, truth);
        PersonMatchModel reviewed = fitted.withReviews(before.answers());
        Run after = resolve(reviewed, records, truth);
        double[] a = precisionRecallF1(before.customerOf(), truth), b = precisionRecallF1(after.customerOf(), truth);
        double[] q = precisionRecallF1(before.merged(), truth);
        System.out.printf(Locale.ROOT, "FEBRL%d online, fitted model: P %.4f R %.4f F1 %.4f; %d reviews (%d same)%n",
                set, a[0], a[1], a[2], before.reviews(), before.accepted());
        System.out.printf(Locale.ROOT, "FEBRL%d online, fitted model and its accepted reviews merged: P %.4f R %.4f F1 %.4f%n",
                set, q[0], q[1], q[2]);
        System.out.printf(Locale.ROOT, "FEBRL%d online, corrected by those %d answers: P %.4f R %.4f F1 %.4f; %d reviews%n",
                set, before.answers().size(), b[0], b[1], b[2], after.reviews());
        assertThat(b[2]).as("F1 with the reviewed model").isGreaterThanOrEqualTo(a[2] - 1e-9);
    }
}
