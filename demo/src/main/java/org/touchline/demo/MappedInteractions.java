package org.touchline.demo;

import org.touchline.domain.Identifier;
import org.touchline.domain.Interaction;
import org.touchline.domain.PartyRole;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the demo company's planned interactions straight into Interaction v1, with the identifiers each source would
 * have carried (after mapping): the interactions file of the ingest benchmark and of `touchline load`.
 */
final class MappedInteractions {
    private final long seed;
    private final Map<Src, long[]> counters = new EnumMap<>(Src.class);

    MappedInteractions(long seed) {
        this.seed = seed;
        for (Src s : Src.values()) counters.put(s, new long[1]);
    }

    Interaction toInteraction(DemoEvent e) {
        DemoCustomer c = e.c;
        long n = ++counters.get(e.src)[0];
        boolean customer = e.at >= c.joinedAt;
        List<Identifier> ids = new ArrayList<>();
        List<PartyRole> parties = List.of();
        // One attribute at most: Interaction keeps attributes in an unordered map, and the file must be byte-identical per seed.
        Map<String, String> attrs = new LinkedHashMap<>();
        String recordId;
        switch (e.src) {
            case CRM -> {
                recordId = "EV" + (7_300_000 + n);
                add(ids, "crm_id", c.crmId);
                add(ids, "account", c.account);
                add(ids, "email", c.email);
                add(ids, "phone", c.mobile);
                add(ids, "postcode", c.postcode);
                attrs.put("plan", c.plan);
            }
            case CALLCENTRE -> {
                recordId = String.format("CC%08d", n);
                add(ids, "phone", c.anyPhone());
                if (customer) add(ids, "account", c.account);
                if (ids.isEmpty()) add(ids, "phone", "07700 900000");
                attrs.put("queue", e.ref);
            }
            case POS -> {
                recordId = e.ref + "-" + String.format("%07d", n);
                DemoCustomer buyer = e.actor != null ? e.actor : c;
                add(ids, "loyalty_card", buyer.loyaltyCard);
                add(ids, "phone", buyer.anyPhone());
                if (ids.isEmpty()) add(ids, "email", buyer.email);
                if (ids.isEmpty()) add(ids, "postcode", buyer.postcode);
                if (e.actor != null) {
                    List<Identifier> ben = new ArrayList<>();
                    add(ben, "account", c.account);
                    add(ben, "email", c.email);
                    parties = List.of(new PartyRole("actor", ids), new PartyRole("beneficiary", ben));
                }
                attrs.put("store", e.ref);
            }
            case DIGITAL -> {
                recordId = "evt_" + SourceWriter.opaqueId(n);
                if (e.channel.equals("app")) add(ids, "device_id", c.deviceId != null ? c.deviceId : "dv-" + SourceWriter.opaqueId(c.idx));
                else add(ids, "cookie", e.cookie != null ? e.cookie : c.cookie);
                if (!e.anonymous || e.channel.equals("app")) add(ids, "customer_id", c.customerId);
                if (e.type.equals("order_placed")) add(ids, "order_id", e.ref);
                else if (e.ref != null) attrs.put("page", e.ref);
            }
            case ENGAGE -> {
                recordId = e.channel + "_" + SourceWriter.opaqueId(n);
                if (customer && !(e.channel.equals("chat") && e.anonymous)) add(ids, "crm_id", c.crmId);
                add(ids, "email", c.email);
                if (e.channel.equals("chat")) add(ids, "cookie", e.cookie != null ? e.cookie : c.cookie);
                if (ids.isEmpty()) add(ids, "crm_id", c.crmId);
                if (e.ref != null) attrs.put(e.channel.equals("email") ? "campaign" : "survey", e.ref);
            }
            case FIELDOPS -> {
                recordId = "WO-" + (210_000 + n);
                add(ids, "account", c.account);
                add(ids, "phone", c.anyPhone());
                add(ids, "postcode", c.postcode);
                attrs.put("outcome", e.outcome);
            }
            default -> {
                recordId = "post:" + (e.at * 1000 + n % 1000);
                add(ids, "social_handle", c.socialHandle);
                if (ids.isEmpty() || (customer && SourceWriter.habit(seed, c.idx, 92) < 0.35)) add(ids, "email", c.email);
                if (ids.isEmpty()) add(ids, "crm_id", c.crmId);
            }
        }
        List<String> products = e.products == null ? List.of() : List.of(e.products);
        return new Interaction(null, e.src.id, recordId, Instant.ofEpochMilli(e.at), e.channel, e.type, parties.isEmpty() ? ids : List.of(),
                parties, e.agent, products, e.text == null || e.text.isEmpty() ? null : e.text, e.rating > 0 ? e.rating : null, attrs);
    }

    private static void add(List<Identifier> ids, String type, String value) {
        if (value != null && !value.isBlank()) ids.add(new Identifier(type, value));
    }
}
