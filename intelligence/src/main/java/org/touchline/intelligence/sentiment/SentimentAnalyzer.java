package org.touchline.intelligence.sentiment;

/** Reads the sentiment of a customer message. Implementations are thread-safe. */
public interface SentimentAnalyzer {

    /** The sentiment of {@code text}; an empty or blank text is neutral. */
    Sentiment of(String text);
}
