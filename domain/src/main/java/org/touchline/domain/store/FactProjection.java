package org.touchline.domain.store;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/** What contracts and analytics know of each customer: their facts and the products they bought (part of the {@link ProjectionStore}). */
public interface FactProjection {
    /** Every customer's facts as contracts see them, encoded. */
    void loadFacts(BiConsumer<String, String> out);

    /** The contracts' facts of these customers, encoded; those without any are absent. */
    Map<String, String> factsOf(Collection<String> customerIds);

    /** The customers who bought any of {@code products} (see {@link ProjectionChanges#products}), in id order. */
    List<String> customersWhoBought(Collection<String> products);
}
