package org.touchline.journeys;

import java.util.List;

/**
 * The paths around an anchor: how many units had an anchor, the most common whole paths (before, anchor, after) with
 * how many units took each, and the same flows as a Sankey diagram ready for an ECharts {@code sankey} series
 * ({@code nodes} with {@code name}, {@code depth} as the column; {@code links} with {@code source}, {@code target},
 * {@code value}). Node names carry their position: "-2 interest", "0 decision", "+1 support". Paths and links of
 * fewer units than the minimum are left out; {@code otherUnits} counts the units on paths not listed (null when
 * suppressed).
 */
public record PathResult(PathQuery.By by, PathQuery.Direction direction, int minimumCount, Long anchored,
                         List<Path> top, Long otherUnits, Sankey sankey) {
    /** One whole path: labels before the anchor (oldest first), the anchor's label, labels after it. */
    public record Path(List<String> before, String anchor, List<String> after, long units, double share) {}

    public record Sankey(List<Node> nodes, List<Link> links) {}

    public record Node(String name, int depth) {}

    public record Link(String source, String target, long value) {}
}
