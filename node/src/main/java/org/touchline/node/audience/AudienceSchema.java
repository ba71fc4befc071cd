package org.touchline.node.audience;

import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.StructType;
import org.touchline.contracts.ConditionLanguage;
import org.touchline.contracts.ContractSchema;
import org.touchline.contracts.ContractSchema.Field;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an audience's rule can see: one variable, {@code customer}, the customer as of now (docs/audiences.md). Its facts
 * are those contracts see (interactions, complaints, tokens, consents, tenure), the features next best actions see
 * ({@code features}: recency, frequency, value, channel mix...), the journey stage, the propensities, and counts of
 * recent interactions by channel and type over four windows. Declared to the CEL checker as struct types, so a
 * misspelt field or a comparison of an int with a string is refused when the audience is defined.
 */
public final class AudienceSchema {
    static final String CUSTOMER_TYPE = "touchline.AudienceCustomer", WINDOW_TYPE = "touchline.Window";
    /** The windows of recent interactions, by field name, in days. */
    public static final Map<String, Integer> WINDOWS = windows();

    public static final Map<String, Field> WINDOW_FIELDS = fields(
            new Field("interactions", SimpleType.INT, "interactions in the window"),
            new Field("channels", MapType.create(SimpleType.STRING, SimpleType.INT), "channel -> interactions in the window (0 for a channel the rule names and the customer did not use)"),
            new Field("types", MapType.create(SimpleType.STRING, SimpleType.INT), "Touchline type -> interactions in the window (0 for a type the rule names and the customer did not have)"));

    static final StructType WINDOW = ConditionLanguage.struct(WINDOW_TYPE, WINDOW_FIELDS);

    public static final Map<String, Field> CUSTOMER_FIELDS = customerFields();

    static final StructType CUSTOMER = ConditionLanguage.struct(CUSTOMER_TYPE, CUSTOMER_FIELDS);

    /** Fields read from the timeline (the customer's recent interactions). */
    static final List<String> TIMELINE_FIELDS = List.of("stage", "lastChannel", "features", "last7d", "last30d", "last90d", "last365d");
    /** Fields the propensity models give. */
    static final List<String> PROPENSITY_FIELDS = List.of("churn", "upsell");

    private AudienceSchema() {}

    private static Map<String, Field> customerFields() {
        Map<String, Field> m = new LinkedHashMap<>();
        for (String name : List.of("id", "interactions", "complaintsOpen", "lastComplaintAt", "lastInteractionAt", "tokens", "consents",
                "firstSeenAt", "tenureDays")) m.put(name, ContractSchema.CUSTOMER_FIELDS.get(name));
        put(m, "daysSinceLastInteraction", SimpleType.INT, "whole days since the last interaction (absent if none)");
        put(m, "products", ListType.create(SimpleType.STRING), "the products the customer bought (services held)");
        put(m, "stage", SimpleType.STRING, "the journey stage of the last interaction (absent if none)");
        put(m, "lastChannel", SimpleType.STRING, "the channel of the last interaction (absent if none)");
        put(m, "features", MapType.create(SimpleType.STRING, SimpleType.DOUBLE),
                "the numeric features next best actions see: value_365d (spend), frequency_30d, recency_days, products_held, share_web...");
        WINDOWS.forEach((name, days) -> put(m, name, WINDOW, "interactions of the last " + days + " days, by channel and type"));
        put(m, "churn", SimpleType.DOUBLE, "churn propensity 0-1 (absent without a churn model or the customer's personalisation consent)");
        put(m, "upsell", SimpleType.DOUBLE, "upsell propensity 0-1 (absent without an upsell model or the customer's personalisation consent)");
        return Collections.unmodifiableMap(m);
    }

    private static void put(Map<String, Field> m, String name, CelType type, String description) {
        m.put(name, new Field(name, type, description));
    }

    private static Map<String, Field> fields(Field... fields) {
        Map<String, Field> m = new LinkedHashMap<>();
        for (Field f : fields) m.put(f.name(), f);
        return Collections.unmodifiableMap(m);
    }

    private static Map<String, Integer> windows() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("last7d", 7);
        m.put("last30d", 30);
        m.put("last90d", 90);
        m.put("last365d", 365);
        return Collections.unmodifiableMap(m);
    }

    /** The variable's fields as text, for {@code touchline audiences schema} and the API. */
    public static String describe() {
        return ContractSchema.describe("customer", CUSTOMER_FIELDS) + "\n" + ContractSchema.describe("window (last7d, last30d, last90d, last365d)", WINDOW_FIELDS);
    }
}
