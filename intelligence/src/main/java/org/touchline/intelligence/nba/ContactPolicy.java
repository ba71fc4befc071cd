package org.touchline.intelligence.nba;

import java.util.List;
import java.util.Set;

/**
 * The rules that say when the company must leave a customer alone, whatever an action would be worth: frequency
 * caps per channel, a quiet period after a complaint, and suppressions (e.g. never put a customer who is active
 * online into an outbound telemarketing campaign).
 */
public record ContactPolicy(List<Cap> caps, int quietDaysAfterComplaint, Set<CandidateAction.Kind> quietKinds,
                            List<Suppression> suppressions) {
    /** At most {@code max} outbound contacts on {@code channel} in any {@code days} days. */
    public record Cap(String channel, int max, int days) {
        public Cap {
            if (max < 0 || days < 1) throw new IllegalArgumentException("cap on " + channel + ": max must be ≥ 0 and days ≥ 1");
        }
    }

    /**
     * When {@code when} (CEL over the features {@code f}) holds, actions of these kinds on these channels are off
     * (an empty set means all). {@code outboundOnly} limits it to contacts the company starts.
     */
    public record Suppression(String name, String when, Set<String> channels, Set<CandidateAction.Kind> kinds, boolean outboundOnly) {
        public Suppression {
            channels = channels == null ? Set.of() : Set.copyOf(channels);
            kinds = kinds == null ? Set.of() : Set.copyOf(kinds);
        }

        boolean covers(CandidateAction a) {
            return (channels.isEmpty() || channels.contains(a.channel())) && (kinds.isEmpty() || kinds.contains(a.kind()))
                    && (!outboundOnly || a.outbound());
        }
    }

    public ContactPolicy {
        caps = caps == null ? List.of() : List.copyOf(caps);
        quietKinds = quietKinds == null ? Set.of() : Set.copyOf(quietKinds);
        suppressions = suppressions == null ? List.of() : List.copyOf(suppressions);
    }
}
