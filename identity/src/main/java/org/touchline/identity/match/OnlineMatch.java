package org.touchline.identity.match;

import java.util.List;

/**
 * The best known customer for a record, as {@link OnlineMatcher#best} found it: who, how well it scored, what that
 * leads to ({@link Decision#LINK} or {@link Decision#REVIEW}; a candidate below the lower threshold is never
 * returned), the evidence one line per comparison ({@code surname=jaro-winkler>=0.92(+5.32)}), how many candidates
 * were scored, and the {@link PersonMatchModel#version} that scored it: what a link or review entry records.
 */
public record OnlineMatch(String customerId, MatchScore score, Decision decision, List<String> evidence,
                          int candidatesScored, String modelVersion) {
    public OnlineMatch {
        evidence = List.copyOf(evidence);
    }

    public double probability() { return score.probability(); }
}
