package org.touchline.contracts;

import java.util.List;
import java.util.TreeSet;

/**
 * Which entries a contract reacts to: entries of one of {@code kinds}, and, when the lists are not empty, only in
 * one of {@code channels} and of one of {@code types}. Checked before any CEL runs, so a contract costs nothing for
 * the entries it does not name. Lists are kept sorted and without duplicates (their order has no meaning).
 */
public record Trigger(List<String> kinds, List<String> channels, List<String> types) {
    public Trigger {
        kinds = sorted(kinds);
        channels = sorted(channels);
        types = sorted(types);
    }

    /** Whether an entry of this kind, channel and type triggers the contract. */
    public boolean matches(String kind, String channel, String type) {
        return kinds.contains(kind) && (channels.isEmpty() || channel != null && channels.contains(channel))
                && (types.isEmpty() || type != null && types.contains(type));
    }

    private static List<String> sorted(List<String> list) {
        return list == null ? List.of() : List.copyOf(new TreeSet<>(list));
    }
}
