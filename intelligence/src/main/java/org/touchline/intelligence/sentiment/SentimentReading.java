package org.touchline.intelligence.sentiment;

/**
 * A message's sentiment with the analyzer that read it, as the agent console shows it: the agent should know whether
 * the customer-care lexicon or the company's own trained model gave the label.
 *
 * @param sentiment the sentiment of the message
 * @param analyzer  {@link SentimentAnalyzer#name()} of the analyzer that read it
 */
public record SentimentReading(Sentiment sentiment, String analyzer) {

    public SentimentReading {
        if (sentiment == null) {
            throw new IllegalArgumentException("sentiment reading is missing its sentiment");
        }
        if (analyzer == null || analyzer.isBlank()) {
            throw new IllegalArgumentException("sentiment reading is missing the analyzer that read it");
        }
    }
}
