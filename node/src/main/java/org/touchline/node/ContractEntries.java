package org.touchline.node;

import org.touchline.domain.EventEntry;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Contract entries (contracts/README.md): a deployment, pause, resume or retirement of a contract version, each an
 * event entry of kind {@code contract} whose {@code change} field says which; the contract runner replays them in
 * ledger order.
 */
public final class ContractEntries {
    public static final String DEPLOY = "deploy", PAUSE = "pause", RESUME = "resume", RETIRE = "retire";

    private ContractEntries() {}

    /** The entry of {@code change} to contract {@code id} at {@code version} by {@code actor}, with {@code more} fields. */
    public static EventEntry change(String change, String id, long version, String actor, Map<String, String> more, Instant at) {
        Map<String, String> fields = new TreeMap<>(more);
        fields.put("change", change);
        fields.put("id", id);
        fields.put("version", Long.toString(version));
        fields.put("actor", actor);
        return new EventEntry(EventEntry.CONTRACT, -1, at, null, new TreeMap<>(fields), null);
    }
}
