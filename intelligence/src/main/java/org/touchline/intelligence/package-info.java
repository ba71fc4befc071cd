/** Customer intelligence (docs/intelligence.md): features, propensity, next best action, sentiment, demand and staffing. */
package org.touchline.intelligence;
