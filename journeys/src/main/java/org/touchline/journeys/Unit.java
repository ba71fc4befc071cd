package org.touchline.journeys;

/** Whose journey a query follows: each customer's own, or each household's together (customers with none stand alone). */
public enum Unit {
    CUSTOMER, HOUSEHOLD
}
