package org.touchline.journeys;

import java.util.List;

/**
 * A funnel's answer: per step for all units, and per value of the split (biggest first). Counts of units only.
 *
 * @param unitsInScope every unit in the table (those that did not enter included), so entry can be read as a share
 */
public record FunnelResult(Split split, int minimumCount, long unitsInScope, List<StepResult> steps, List<Group> groups) {
    /**
     * One step. {@code entered}: units that reached it; {@code droppedOff}: of those, units that did not reach the next
     * step (null for the last); {@code conversion}: entered / entered at the previous step (null for step 1);
     * {@code overallConversion}: entered / entered at step 1; {@code p50Seconds}, {@code p90Seconds}: time from the
     * previous step's touch (nearest rank; null for step 1). Suppressed cells are null and set {@code suppressed}.
     */
    public record StepResult(String name, Long entered, Long droppedOff, Double conversion, Double overallConversion,
                             Long p50Seconds, Long p90Seconds, boolean suppressed) {}

    /** The steps for the units whose entry touch had this split value ("(none)" when it had none). */
    public record Group(String value, List<StepResult> steps) {}
}
