package org.touchline.domain;

import org.touchline.ledger.Hashes;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Interaction v1 (docs/architecture.md, "Formats to keep stable"): one thing that happened between the company and a customer,
 * in one channel, as one source system recorded it. An interaction is a fact: it is never edited, only followed by
 * entries that point at it.
 *
 * @param id             stable id derived from (source, sourceRecordId), so re-ingesting a record finds the same id
 * @param attributes     everything else the source said, kept as strings
 */
public record Interaction(
        String id,
        String source,
        String sourceRecordId,
        Instant occurredAt,
        String channel,
        String type,
        List<Identifier> identifiers,
        List<PartyRole> parties,
        String agentId,
        List<String> products,
        String text,
        Integer rating,
        Map<String, String> attributes) {

    public Interaction {
        identifiers = identifiers == null ? List.of() : List.copyOf(identifiers);
        parties = parties == null ? List.of() : List.copyOf(parties);
        products = products == null ? List.of() : List.copyOf(products);
        // Ordered, so an interaction written out twice reads the same (canonical forms sort keys anyway).
        attributes = attributes == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        if (id == null && source != null && sourceRecordId != null) id = idFor(source, sourceRecordId);
    }

    /** The id is a hash of the idempotency key, so every node derives the same id for the same source record. */
    public static String idFor(String source, String sourceRecordId) {
        byte[] h = Hashes.sha256((source + "\u0000" + sourceRecordId).getBytes(StandardCharsets.UTF_8));
        return "ix_" + HexFormat.of().formatHex(h, 0, 12);
    }

    /** All identifiers the record carries: its own and those of every party named in it. */
    public List<Identifier> allIdentifiers() {
        if (parties.isEmpty()) return identifiers;
        var all = new ArrayList<>(identifiers);
        for (PartyRole p : parties) all.addAll(p.identifiers());
        return all;
    }
}
