package org.touchline.contracts;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.touchline.domain.CanonicalJson;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One action a contract takes for one entry: what the node records as a ledger entry. It names the contract (id,
 * version and definition hash), the triggering entry (ledger index and id), the customer, the action's position in
 * the contract ({@code ordinal}: with the contract and the trigger index it makes the action's idempotency key) and
 * the resolved parameters: strings and longs only, amounts evaluated, {@code channel: entry} replaced by the entry's
 * channel, the account's id added ({@code accountId}), and due or until times computed from the entry's time
 * ({@code dueAt}, {@code until}).
 */
public record ContractAction(String contractId, long contractVersion, String definitionSha256, long triggerIndex,
                             String triggerId, String customerId, int ordinal, ActionType type, Map<String, Object> params) {
    public ContractAction {
        params = Collections.unmodifiableMap(new TreeMap<>(params));
    }

    /** The action as JSON (kind-less: the node chooses the entry kind, e.g. {@code contract_action}). */
    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("contractId", contractId).put("contractVersion", contractVersion).put("contractSha256", definitionSha256)
                .put("triggerIndex", triggerIndex).put("ordinal", ordinal).put("type", type.wireName());
        if (triggerId != null) o.put("triggerId", triggerId);
        if (customerId != null) o.put("customerId", customerId);
        ObjectNode p = o.putObject("params");
        params.forEach((k, v) -> {
            if (v instanceof Long n) p.put(k, n);
            else p.put(k, String.valueOf(v));
        });
        return o;
    }

    /** RFC 8785 canonical JSON of {@link #toJson()}. */
    public String canonicalJson() {
        return CanonicalJson.string(toJson());
    }

    /** One line for people: {@code award_tokens account=agent accountId=AG-7 amount=50 reason="five-star rating"}. */
    public String describe() {
        StringBuilder sb = new StringBuilder(type.wireName());
        params.forEach((k, v) -> {
            sb.append(' ').append(k).append('=');
            if (v instanceof String s && (s.isEmpty() || s.chars().anyMatch(ch -> ch == ' ' || ch == '"'))) sb.append('"').append(s.replace("\"", "\\\"")).append('"');
            else sb.append(v);
        });
        return sb.toString();
    }
}
