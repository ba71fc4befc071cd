package org.touchline.contracts;

import com.google.common.collect.ImmutableSet;
import dev.cel.common.types.CelType;
import dev.cel.common.types.CelTypeProvider;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.StructType;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a contract's CEL expressions can see: two variables, {@code entry} (the triggering ledger entry) and
 * {@code customer} (the customer's state as of that entry, the entry included), each a typed object whose fields are
 * listed here. The types are declared to the CEL checker as struct types, so a misspelt field or a comparison of an
 * int with a string is refused when the contract is compiled, before it is deployed; at run time the values are plain
 * maps built by {@link EntryView} and {@link CustomerState}.
 *
 * <p>Every field is optional at run time: a field the entry does not carry is absent, {@code has(entry.rating)} tests
 * for it, and reading an absent field is an evaluation error (the contract takes no action and the error is reported).
 * Integers are CEL {@code int} (Java {@code Long}), times are CEL {@code timestamp} (Java {@code Instant}).
 */
public final class ContractSchema {
    /** The CEL type names of the two variables. */
    public static final String ENTRY_TYPE = "touchline.Entry", CUSTOMER_TYPE = "touchline.Customer";

    /** The entry kinds a trigger can name. */
    public static final List<String> ENTRY_KINDS = List.of("interaction", "rating", "consent", "identity", "token", "external");

    /** One field of {@code entry} or {@code customer}: its CEL type and what it holds. */
    public record Field(String name, CelType type, String description) {
        /** The CEL type as written in documentation, e.g. {@code map(string, bool)}. */
        public String typeName() {
            return describe(type);
        }
    }

    public static final Map<String, Field> ENTRY_FIELDS = fields(
            f("kind", SimpleType.STRING, "entry kind: interaction, rating, consent, identity, token or external"),
            f("index", SimpleType.INT, "the entry's ledger index (the order contracts run in)"),
            f("id", SimpleType.STRING, "the entry's own id, e.g. the interaction id ix_..."),
            f("occurredAt", SimpleType.TIMESTAMP, "when it happened: the only clock a contract has"),
            f("channel", SimpleType.STRING, "call_centre, store, web, app, email, chat, social, survey, ticket, field_service, external"),
            f("type", SimpleType.STRING, "Touchline type, e.g. complaint, purchase, billing_enquiry, technical_support"),
            f("source", SimpleType.STRING, "the source system, e.g. callcentre, crm, pos"),
            f("agentId", SimpleType.STRING, "the agent, store till or engineer who handled it"),
            f("products", ListType.create(SimpleType.STRING), "product codes named by the entry"),
            f("rating", SimpleType.INT, "a rating given by the customer (1-5 for stars)"),
            f("comment", SimpleType.STRING, "rating entries: the rating's comment, when the node passes it"),
            f("ratedId", SimpleType.STRING, "rating entries: the id of the rated interaction"),
            f("purpose", SimpleType.STRING, "consent entries: service, analytics, personalisation, marketing, model_training"),
            f("granted", SimpleType.BOOL, "consent entries: true when consent is given, false when withdrawn"),
            f("decision", SimpleType.STRING, "identity entries: merged, matched, unmerged, relationship, ..."),
            f("account", SimpleType.STRING, "token entries: customer or agent"),
            f("amount", SimpleType.INT, "token entries: tokens moved (positive: award, negative: expiry or redemption)"),
            f("contractId", SimpleType.STRING, "set when the entry was written by a contract's action"),
            f("attributes", MapType.create(SimpleType.STRING, SimpleType.STRING), "anything else the node passes, as strings"));

    public static final Map<String, Field> CUSTOMER_FIELDS = fields(
            f("id", SimpleType.STRING, "the customer (party) id; actions for the customer name it"),
            f("interactions", SimpleType.INT, "interactions so far, this one included"),
            f("interactionsByType", MapType.create(SimpleType.STRING, SimpleType.INT), "interactions so far by Touchline type"),
            f("complaintsOpen", SimpleType.INT, "complaints not yet resolved"),
            f("lastComplaintAt", SimpleType.TIMESTAMP, "when the last complaint was made (absent if none)"),
            f("lastInteractionAt", SimpleType.TIMESTAMP, "when the last interaction before this entry happened (absent if none)"),
            f("tokens", SimpleType.INT, "token balance"),
            f("consents", MapType.create(SimpleType.STRING, SimpleType.BOOL), "purpose -> consent in force"),
            f("consentGrants", MapType.create(SimpleType.STRING, SimpleType.INT), "purpose -> times consent was granted, this entry included"),
            f("firstSeenIndex", SimpleType.INT, "ledger index of the customer's first interaction"),
            f("firstSeenAt", SimpleType.TIMESTAMP, "when the customer's first interaction happened"),
            f("tenureDays", SimpleType.INT, "whole days from firstSeenAt to this entry's occurredAt (never the wall clock)"),
            f("segment", SimpleType.STRING, "the customer's segment, e.g. consumer, business"));

    static final StructType ENTRY = struct(ENTRY_TYPE, ENTRY_FIELDS);
    static final StructType CUSTOMER = struct(CUSTOMER_TYPE, CUSTOMER_FIELDS);

    /** The type provider the CEL checker resolves the two struct types with. */
    static final CelTypeProvider TYPES = ConditionLanguage.provider(List.of(ENTRY, CUSTOMER));

    private ContractSchema() {}

    /** The fields of both variables as text, for {@code touchline contracts schema} and documentation. */
    public static String describe() {
        StringBuilder sb = new StringBuilder();
        describe(sb, "entry", ENTRY_FIELDS);
        sb.append('\n');
        describe(sb, "customer", CUSTOMER_FIELDS);
        return sb.toString();
    }

    /** One variable's fields as text, a line each: name, CEL type, what it holds. */
    public static String describe(String var, Map<String, Field> fields) {
        StringBuilder sb = new StringBuilder();
        describe(sb, var, fields);
        return sb.toString();
    }

    private static void describe(StringBuilder sb, String var, Map<String, Field> fields) {
        sb.append(var).append('\n');
        for (Field f : fields.values()) {
            sb.append(String.format(Locale.ROOT, "  %-20s %-20s %s%n", f.name(), f.typeName(), f.description()));
        }
    }

    static String describe(CelType t) {
        if (t instanceof ListType l) return "list(" + describe(l.elemType()) + ")";
        if (t instanceof MapType m) return "map(" + describe(m.keyType()) + ", " + describe(m.valueType()) + ")";
        if (t == SimpleType.TIMESTAMP) return "timestamp"; // CEL's name; CEL-Java reports the protobuf message name
        return t.name();
    }

    private static Field f(String name, CelType type, String description) {
        return new Field(name, type, description);
    }

    private static Map<String, Field> fields(Field... fields) {
        Map<String, Field> m = new LinkedHashMap<>();
        for (Field f : fields) m.put(f.name(), f);
        return Collections.unmodifiableMap(m);
    }

    static StructType struct(String name, Map<String, Field> fields) {
        return StructType.create(name, ImmutableSet.copyOf(fields.keySet()),
                field -> Optional.ofNullable(fields.get(field)).map(Field::type));
    }
}
