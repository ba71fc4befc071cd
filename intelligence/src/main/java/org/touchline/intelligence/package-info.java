/** Customer intelligence (issue 6): features, propensity, next best action, sentiment, demand and staffing. */
package org.touchline.intelligence;
