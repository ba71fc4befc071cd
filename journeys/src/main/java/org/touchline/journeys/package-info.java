/** Journeys and flow analytics over resolved interactions (issue 5). */
package org.touchline.journeys;
