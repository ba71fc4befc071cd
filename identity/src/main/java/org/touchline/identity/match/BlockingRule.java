package org.touchline.identity.match;

import java.util.ArrayList;
import java.util.List;

/**
 * A blocking rule: two records are compared when all parts give a common key (an AND of parts), written
 * {@code soundex(surname) + year(date_of_birth)}. A {@link Blocking} is an OR of such rules.
 */
public record BlockingRule(List<BlockingKey> parts) {
    public BlockingRule {
        parts = List.copyOf(parts);
        if (parts.isEmpty()) throw new IllegalArgumentException("a blocking rule needs at least one key");
    }

    /** Reads {@code soundex(surname) + year(date_of_birth)}. */
    public static BlockingRule parse(String text) {
        List<BlockingKey> parts = new ArrayList<>();
        for (String p : text.split("\\+")) parts.add(BlockingKey.parse(p));
        return new BlockingRule(parts);
    }

    /** This rule with its corpus-dependent parts ({@link BlockingKey#needsCorpus}) fitted to the records. */
    public BlockingRule fitted(List<MatchRecord> records) {
        if (parts.stream().noneMatch(BlockingKey::needsCorpus)) return this;
        List<BlockingKey> out = new ArrayList<>(parts.size());
        for (BlockingKey p : parts) out.add(p.fitted(records));
        return new BlockingRule(out);
    }

    /** The block keys of a record: the cross product of its parts' keys (most parts give one key). */
    public List<String> keys(MatchRecord record) {
        List<String> keys = List.of("");
        for (BlockingKey part : parts) {
            List<String> partKeys = part.keys(record);
            if (partKeys.isEmpty()) return List.of();
            List<String> next = new ArrayList<>(keys.size() * partKeys.size());
            for (String k : keys) for (String p : partKeys) next.add(k.isEmpty() ? p : k + '\u001f' + p);
            keys = next;
        }
        return keys;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (BlockingKey p : parts) b.append(b.length() == 0 ? "" : " + ").append(p);
        return b.toString();
    }
}
