package org.touchline.journeys;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * What makes a journey. A journey is a run of a unit's touches in an {@code opening} stage (by default awareness,
 * interest, consideration) that ends at its first touch in a {@code converting} stage (by default decision) or is
 * abandoned when its next opening or converting touch comes more than {@code silence} after its last one (or none
 * has come by then). Touches in other stages neither start, continue nor end a journey.
 */
public record JourneyRules(Duration silence, Set<Stage> opening, Set<Stage> converting) {
    public static final JourneyRules DEFAULT = new JourneyRules(Duration.ofDays(30),
            EnumSet.of(Stage.AWARENESS, Stage.INTEREST, Stage.CONSIDERATION), EnumSet.of(Stage.DECISION));

    public JourneyRules {
        if (silence == null || silence.isNegative() || silence.isZero()) throw new IllegalArgumentException("journey rules: field 'silence': must be positive");
        if (opening == null || opening.isEmpty()) throw new IllegalArgumentException("journey rules: field 'opening': name at least one stage");
        if (converting == null || converting.isEmpty()) throw new IllegalArgumentException("journey rules: field 'converting': name at least one stage");
        opening = Set.copyOf(opening);
        converting = Set.copyOf(converting);
        for (Stage s : opening)
            if (converting.contains(s)) throw new IllegalArgumentException("journey rules: stage " + s.id() + " cannot both open and convert a journey");
    }

    public static JourneyRules withSilence(Duration silence) {
        return new JourneyRules(silence, DEFAULT.opening, DEFAULT.converting);
    }

    int openingMask() { return mask(opening); }

    int convertingMask() { return mask(converting); }

    private static int mask(Set<Stage> stages) {
        int m = 0;
        for (Stage s : stages) m |= 1 << s.ordinal();
        return m;
    }
}
