package org.touchline.journeys;

/**
 * What a funnel is broken down by: nothing, or the channel, source or first listed product of the touch by which a
 * unit entered it, or the segment of the customer that touch belongs to.
 */
public enum Split {
    NONE, CHANNEL, SOURCE, PRODUCT, SEGMENT
}
