package org.touchline.journeys;

import java.util.List;

/**
 * Flow metrics of converted journeys. Lead time: from a journey's first touch to its decision. Cycle time of a stage:
 * within a journey, from the first touch of each run of that stage (consecutive opening touches in it) to the first
 * touch of the next run or the decision, summed over the stage's runs; journeys that never were in the stage do not
 * count for it. Groups: by the channel of the decision touch, by the journey's product (the first listed on the
 * decision touch, "(none)" if it had none) and by the month of the decision (yyyy-MM, oldest first); channels and
 * products most journeys first. Durations in seconds, percentiles by nearest rank.
 */
public record FlowReport(int minimumCount, Distribution leadTime, List<Group> leadTimeByChannel,
                         List<Group> leadTimeByProduct, List<Group> leadTimeByMonth, List<StageCycle> cycleTimes) {
    public record Group(String key, Distribution distribution) {}

    public record StageCycle(Stage stage, Distribution overall, List<Group> byChannel, List<Group> byProduct,
                             List<Group> byMonth) {}
}
