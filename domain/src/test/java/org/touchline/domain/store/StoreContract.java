package org.touchline.domain.store;

import org.junit.jupiter.api.AfterEach;

import java.util.ArrayList;
import java.util.List;

/**
 * What the storage contracts share: a store made fresh for each test, and opened again on the same storage to show
 * what survives a restart. A store implementation runs every contract by extending it in its own tests.
 */
public abstract class StoreContract {
    private final List<StoreUnderTest> opened = new ArrayList<>();

    /** A new, empty store. */
    protected abstract StoreUnderTest create();

    /** The store last {@link #create}d, opened again after it was closed. */
    protected abstract StoreUnderTest reopen();

    public final StoreUnderTest fresh() { return track(create()); }

    protected final StoreUnderTest again() { return track(reopen()); }

    private StoreUnderTest track(StoreUnderTest s) {
        opened.add(s);
        return s;
    }

    @AfterEach
    void closeEverything() {
        for (StoreUnderTest s : opened) s.close();
    }
}
