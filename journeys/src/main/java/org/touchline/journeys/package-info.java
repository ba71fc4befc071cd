/** Journeys and flow analytics over resolved interactions (docs/analytics.md). */
package org.touchline.journeys;
