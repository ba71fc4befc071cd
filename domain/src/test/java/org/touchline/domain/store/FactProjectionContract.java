package org.touchline.domain.store;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.touchline.domain.store.ProjectionHistory.apply;
import static org.touchline.domain.store.ProjectionHistory.changes;

/**
 * {@link FactProjection} as every store must keep it: customers' facts and the products they bought. {@link
 * ProjectionStoreContract} runs it on each store.
 */
public interface FactProjectionContract {
    /** A new, empty store (see {@link StoreContract}). */
    StoreUnderTest fresh();

    @Test
    default void customersAreFoundByTheProductsTheyBoughtAndTheirFactsByCustomer() {
        ProjectionStore p = fresh().projections();
        ProjectionChanges c = changes();
        c.facts.put("c1", "1,0,0");
        c.facts.put("c2", "2,0,0");
        c.products.put("c1", List.of("TV-55", "BB-100"));
        c.products.put("c2", List.of("TV-55"));
        apply(p, c);
        assertThat(p.customersWhoBought(List.of("TV-55"))).containsExactly("c1", "c2");
        assertThat(p.customersWhoBought(List.of("BB-100", "XX"))).containsExactly("c1");
        assertThat(p.factsOf(List.of("c1", "c3"))).isEqualTo(Map.of("c1", "1,0,0"));
        ProjectionChanges later = changes();
        later.products.put("c2", null);
        later.products.put("c1", List.of("TV-55", "BB-100", "PH-1"));
        apply(p, later);
        assertThat(p.customersWhoBought(List.of("TV-55", "PH-1"))).containsExactly("c1");
        ProjectionChanges erased = changes();
        erased.erased.add("c1");
        apply(p, erased);
        assertThat(p.customersWhoBought(List.of("TV-55", "BB-100", "PH-1"))).isEmpty();
    }

    @Test
    default void factsAndProfilesAreReplacedWholeAndANullForgetsThem() {
        ProjectionStore p = fresh().projections();
        ProjectionChanges c = changes();
        c.facts.put("a", "{\"interactions\":1}");
        c.facts.put("b", "{\"interactions\":4}");
        c.profiles.put("a", new byte[]{1, 2});
        apply(p, c);
        ProjectionChanges d = changes();
        d.facts.put("a", "{\"interactions\":2}");
        d.facts.put("b", null);
        d.profiles.put("a", new byte[]{3});
        apply(p, d);
        Map<String, String> facts = new TreeMap<>();
        p.loadFacts(facts::put);
        assertThat(facts).containsExactly(Map.entry("a", "{\"interactions\":2}"));
        Map<String, byte[]> profiles = new TreeMap<>();
        p.loadProfiles(profiles::put);
        assertThat(profiles).containsOnlyKeys("a");
        assertThat(profiles.get("a")).containsExactly(3);
    }
}
