package org.touchline.identity.match;

import java.util.List;

/**
 * The outcome of matching a set of records: the candidate pairs blocking produced, the trained model, the pairs it
 * links and the pairs it sends to review, and the entity (cluster label) of every record after linking.
 */
public record MatchRun(List<MatchRecord> records, boolean link, CandidatePairs candidates, MatchModel model,
                       int emIterations, List<ScoredPair> links, List<ScoredPair> reviews, int[] clusters,
                       long millis) {
    public MatchRun {
        records = List.copyOf(records);
        links = List.copyOf(links);
        reviews = List.copyOf(reviews);
        clusters = clusters.clone();
    }
}
