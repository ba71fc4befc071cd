package org.touchline.journeys;

import java.time.Duration;
import java.time.Instant;

/**
 * The most common paths around an anchor. Per unit, the anchor is its earliest touch matching {@code anchor} with
 * {@code from <= at < to} (null = open). The path before it is the labels ({@code by} stage, channel or type) of the
 * touches before the anchor and at most {@code window} earlier, the last {@code depth} of them; the path after is the
 * touches after it and at most {@code window} later, the first {@code depth}. With {@code collapseRepeats}, a run of
 * equal labels counts as one (before taking the depth). Units without an anchor are left out.
 * Defaults: BOTH, 90 days, STAGE, depth 4, top 10, collapse repeats, CUSTOMER, minimum count 5.
 */
public record PathQuery(TouchFilter anchor, Direction direction, Duration window, By by, Integer depth, Integer top,
                        Boolean collapseRepeats, Instant from, Instant to, Unit unit, Integer minimumCount) {
    public enum Direction { BEFORE, AFTER, BOTH }

    public enum By { STAGE, CHANNEL, TYPE }

    public PathQuery {
        if (anchor == null) throw new IllegalArgumentException("paths: field 'anchor': missing");
        if (direction == null) direction = Direction.BOTH;
        if (window == null) window = Duration.ofDays(90);
        if (window.isNegative() || window.isZero()) throw new IllegalArgumentException("paths: field 'window': must be positive");
        if (by == null) by = By.STAGE;
        if (depth == null) depth = 4;
        if (depth < 1 || depth > 20) throw new IllegalArgumentException("paths: field 'depth': must be 1 to 20");
        if (top == null) top = 10;
        if (top < 1) throw new IllegalArgumentException("paths: field 'top': must be at least 1");
        if (collapseRepeats == null) collapseRepeats = true;
        if (from != null && to != null && !from.isBefore(to)) throw new IllegalArgumentException("paths: field 'to': must be after 'from'");
        if (unit == null) unit = Unit.CUSTOMER;
        minimumCount = Suppression.minimum(minimumCount);
    }

    /** Stage paths both sides of the anchor, with the defaults. */
    public static PathQuery around(TouchFilter anchor) {
        return new PathQuery(anchor, null, null, null, null, null, null, null, null, null, null);
    }

    public PathQuery by(By by) {
        return new PathQuery(anchor, direction, window, by, depth, top, collapseRepeats, from, to, unit, minimumCount);
    }

    public PathQuery direction(Direction direction) {
        return new PathQuery(anchor, direction, window, by, depth, top, collapseRepeats, from, to, unit, minimumCount);
    }

    public PathQuery window(Duration window) {
        return new PathQuery(anchor, direction, window, by, depth, top, collapseRepeats, from, to, unit, minimumCount);
    }

    public PathQuery depth(int depth) {
        return new PathQuery(anchor, direction, window, by, depth, top, collapseRepeats, from, to, unit, minimumCount);
    }

    public PathQuery collapseRepeats(boolean collapse) {
        return new PathQuery(anchor, direction, window, by, depth, top, collapse, from, to, unit, minimumCount);
    }

    public PathQuery minimumCount(int minimumCount) {
        return new PathQuery(anchor, direction, window, by, depth, top, collapseRepeats, from, to, unit, minimumCount);
    }
}
