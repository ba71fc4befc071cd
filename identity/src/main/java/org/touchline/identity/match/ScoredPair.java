package org.touchline.identity.match;

/** A candidate pair (record indexes) with its score and the decision the thresholds gave. */
public record ScoredPair(int left, int right, MatchScore score, Decision decision) {
    public double probability() { return score.probability(); }
}
