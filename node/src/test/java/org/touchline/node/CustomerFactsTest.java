package org.touchline.node;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class CustomerFactsTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void aCopyHoldsWhatTheStoredTextWouldAndChangesApartFromTheOriginal(long seed) {
        Random r = new Random(seed);
        CustomerFacts.Facts f = new CustomerFacts.Facts();
        f.interactions = r.nextInt(1_000);
        f.complaintsOpen = r.nextInt(5);
        f.tokens = r.nextInt(10_000) - 5_000;
        f.firstSeenIndex = r.nextInt(3) - 1;
        f.firstSeenAt = r.nextBoolean() ? Long.MIN_VALUE : r.nextLong() >>> 20;
        f.lastInteractionAt = r.nextLong() >>> 20;
        f.lastComplaintAt = r.nextBoolean() ? Long.MIN_VALUE : r.nextLong() >>> 20;
        for (int p = 0; p < f.consents.length; p++) {
            f.consents[p] = (byte) r.nextInt(2);
            f.grants[p] = (byte) r.nextInt(128);
        }
        for (int k = r.nextInt(4); k > 0; k--) f.products.add("SKU-" + r.nextInt(50));

        CustomerFacts.Facts copy = f.copy();
        assertThat(copy.encode()).isEqualTo(CustomerFacts.Facts.decode(f.encode()).encode()).isEqualTo(f.encode());
        assertThat(copy.productsChanged).isFalse();

        copy.interactions++;
        copy.consents[0] ^= 1;
        copy.products.add("SKU-new");
        assertThat(f.encode()).isNotEqualTo(copy.encode());
        assertThat(f.products).doesNotContain("SKU-new");
    }
}
