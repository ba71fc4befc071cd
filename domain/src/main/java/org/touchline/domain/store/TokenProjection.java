package org.touchline.domain.store;

import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

/** The utility token's movements and the lots mints still hold (part of the {@link ProjectionStore}). */
public interface TokenProjection {
    /** Token movements on the accounts, in ledger order (each with what is left of it, for mints). */
    List<TokenRow> tokenMovements(Collection<String> accounts);

    /** Mints made before {@code beforeMillis} that still hold tokens, by account then ledger order (expiry reads these). */
    void allTokenLots(long beforeMillis, Consumer<TokenRow> out);

    /** A movement as the projections keep it; {@code remaining} is what a mint still holds (0 for burns and expiries). */
    record TokenRow(long entry, String account, String movement, long amount, long remaining, long atMillis) {}
}
