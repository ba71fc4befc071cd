package org.touchline.intelligence.sentiment;

/** Reads the sentiment of a customer message. Implementations are thread-safe. */
public interface SentimentAnalyzer {

    /** The sentiment of {@code text}; null counts as empty. */
    Sentiment of(String text);
}
