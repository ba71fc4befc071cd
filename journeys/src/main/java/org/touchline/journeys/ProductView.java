package org.touchline.journeys;

import java.util.List;

/**
 * One product: how many bought it and through which channel; how many of them used each channel in the window
 * before and after buying; their stage and channel paths around the purchase; and the support load: support-stage
 * touches per buyer per 30 days in the window before and after, over the days the table covers (a purchase near the
 * table's edge counts only the days there are).
 */
public record ProductView(String product, int minimumCount, Long buyers, List<Count> buyersByChannel,
                          List<Count> channelsBefore, List<Count> channelsAfter, PathResult stagePaths,
                          PathResult channelPaths, Double supportPer30DaysBefore, Double supportPer30DaysAfter) {
    /** How many units; null when suppressed. */
    public record Count(String key, Long units) {}
}
