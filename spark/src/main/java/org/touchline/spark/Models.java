package org.touchline.spark;

import org.touchline.identity.match.PersonMatchModel;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The match model inside Spark functions: a function carries only the model's canonical JSON (a string serialises
 * anywhere) and each executor JVM parses it once. {@link PersonMatchModel#parse} gives back a model that scores every
 * pair exactly as the one written, so driver, executors and the online resolver weigh alike.
 */
final class Models {
    private static final Map<String, PersonMatchModel> PARSED = new ConcurrentHashMap<>();

    private Models() {}

    static PersonMatchModel of(String json) { return PARSED.computeIfAbsent(json, PersonMatchModel::parse); }
}
