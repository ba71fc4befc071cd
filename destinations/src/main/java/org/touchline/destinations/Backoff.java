package org.touchline.destinations;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;

/**
 * When a failed delivery is tried again: exponential backoff with full jitter (a delay drawn uniformly between zero
 * and {@code first × 2^(attempt-1)}, capped at {@code longest}), so receivers that come back are not hit by every
 * sender at once; after {@code maxAttempts} attempts, or once the entry has waited {@code maxAge}, it is dead.
 */
public record Backoff(Duration first, Duration longest, int maxAttempts, Duration maxAge) {
    public Backoff {
        if (first.isNegative() || first.isZero() || longest.compareTo(first) < 0)
            throw new IllegalArgumentException("backoff: the first delay must be positive and at most the longest, got " + first + " and " + longest);
        if (maxAttempts < 1) throw new IllegalArgumentException("backoff: at least one attempt, got " + maxAttempts);
    }

    /** Ten attempts over about an hour, at most a day in all: a receiver down for a deployment loses nothing. */
    static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(15), 10, Duration.ofHours(24));

    /** The time of the next attempt after {@code attempts} failed ones, or null when the delivery is dead. */
    Instant next(int attempts, Instant enqueuedAt, Instant now, Random random) {
        if (attempts >= maxAttempts || !now.isBefore(enqueuedAt.plus(maxAge))) return null;
        long ceiling = first.toMillis() << Math.min(attempts - 1, 30);
        if (ceiling <= 0 || ceiling > longest.toMillis()) ceiling = longest.toMillis();
        return now.plusMillis((long) (random.nextDouble() * ceiling));
    }
}
