package org.touchline.intelligence.sentiment;

/** Reads the sentiment of a customer message. Implementations are thread-safe. */
public interface SentimentAnalyzer {

    /** The sentiment of {@code text}; null counts as empty. */
    Sentiment of(String text);

    /** Which analyzer reads the messages, as shown beside each message's sentiment (the agent should know). */
    default String name() {
        return getClass().getSimpleName();
    }

    /** The sentiment of {@code text} with this analyzer's name beside it. */
    default SentimentReading read(String text) {
        return new SentimentReading(of(text), name());
    }
}
