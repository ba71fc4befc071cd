/**
 * Sentiment of customer messages (docs/intelligence.md): {@link org.touchline.intelligence.sentiment.SentimentAnalyzer}
 * gives a {@link org.touchline.intelligence.sentiment.Sentiment} (negative, neutral or positive, a score in [-1, 1],
 * a confidence and the phrases that drove it). {@link org.touchline.intelligence.sentiment.LexiconSentimentAnalyzer}
 * is the default and needs no training (VADER's lexicon and rules);
 * {@link org.touchline.intelligence.sentiment.SentimentLearner} trains a Tribuo model on a company's own labelled or
 * rated messages; {@link org.touchline.intelligence.sentiment.SentimentEvaluation} scores either;
 * {@link org.touchline.intelligence.sentiment.SentimentCheck} measures both on the shared airline tweets.
 */
package org.touchline.intelligence.sentiment;
