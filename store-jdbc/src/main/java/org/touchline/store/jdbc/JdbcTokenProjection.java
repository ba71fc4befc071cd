package org.touchline.store.jdbc;

import org.touchline.domain.store.ProjectionChanges;
import org.touchline.domain.store.TokenProjection;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

import static org.touchline.store.jdbc.ProjectionSql.forget;
import static org.touchline.store.jdbc.ProjectionSql.rows;

/** The utility token's movements, in the table {@code token_movements}, each mint with what it still holds. */
final class JdbcTokenProjection implements TokenProjection {
    private final ProjectionSql sql;

    JdbcTokenProjection(ProjectionSql sql) { this.sql = sql; }

    /** What a batch changes here, in the caller's transaction (see {@link JdbcProjections#applyIn}). */
    void applyIn(Session s, ProjectionChanges c) throws SQLException {
        Rows tokens = sql.dialect().rows("token_movements", "entry", "account", "movement", "amount", "remaining", "at");
        for (ProjectionChanges.TokenMovement m : c.tokenMovements)
            tokens.row(m.entry(), m.account(), m.movement(), m.amount(), m.movement().equals("mint") ? m.amount() : 0L, m.atMillis());
        tokens.into(s);
        // A use without named lots takes from the account's oldest mints that still hold tokens.
        for (ProjectionChanges.TokenMovement m : c.tokenUsesOldestFirst) {
            long left = m.amount();
            PreparedStatement lots = s.prepare("SELECT entry, remaining FROM token_movements WHERE account = ? AND movement = 'mint' "
                    + "AND remaining > 0 AND entry < ? ORDER BY entry");
            lots.setString(1, m.account());
            lots.setLong(2, m.entry());
            List<long[]> take = new ArrayList<>();
            try (ResultSet rs = lots.executeQuery()) {
                while (left > 0 && rs.next()) {
                    long t = Math.min(left, rs.getLong(2));
                    take.add(new long[]{rs.getLong(1), t});
                    left -= t;
                }
            }
            for (long[] t : take) spend(s, t[0], t[1]);
        }
        for (ProjectionChanges.TokenUse u : c.tokenUses) spend(s, u.lot(), u.amount());
        forget(s, c.erased, List.of("DELETE FROM token_movements WHERE account = 'customer:' || ?"));
    }

    /** Takes {@code amount} tokens from the mint at entry {@code lot}. */
    private static void spend(Session s, long lot, long amount) throws SQLException {
        PreparedStatement use = s.prepare("UPDATE token_movements SET remaining = remaining - ? WHERE entry = ?");
        use.setLong(1, amount);
        use.setLong(2, lot);
        use.executeUpdate();
    }

    /** A row of {@code SELECT entry, account, movement, amount, remaining, at FROM token_movements}. */
    private static TokenRow token(ResultSet rs) throws SQLException {
        return new TokenRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5), rs.getLong(6));
    }

    @Override
    public List<TokenRow> tokenMovements(Collection<String> accounts) {
        if (accounts.isEmpty()) return List.of();
        SqlDialect dialect = sql.dialect();
        return sql.db().read(s -> rows(s, "SELECT entry, account, movement, amount, remaining, at FROM token_movements WHERE "
                        + dialect.oneOf("account", accounts.size()) + " ORDER BY entry",
                JdbcTokenProjection::token, dialect.listArguments(s, accounts).toArray()));
    }

    @Override
    public void allTokenLots(long beforeMillis, Consumer<TokenRow> out) {
        sql.scan("SELECT entry, account, movement, amount, remaining, at FROM token_movements WHERE movement = 'mint' AND remaining > 0 "
                        + "AND at < ? ORDER BY account, entry", JdbcTokenProjection::token, out, beforeMillis);
    }
}
