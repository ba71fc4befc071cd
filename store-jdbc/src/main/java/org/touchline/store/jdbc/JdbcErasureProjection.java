package org.touchline.store.jdbc;

import org.touchline.domain.store.ErasureProjection;
import org.touchline.domain.store.ProjectionChanges;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/** The identifiers erasures recorded, by keyed hash, in the table {@code erased_identifiers}. */
final class JdbcErasureProjection implements ErasureProjection {
    private final ProjectionSql sql;

    JdbcErasureProjection(ProjectionSql sql) { this.sql = sql; }

    /** What a batch changes here, in the caller's transaction (see {@link JdbcProjections#applyIn}). */
    void applyIn(Session s, ProjectionChanges c) throws SQLException {
        if (c.erasedIdentifiers.isEmpty()) return;
        // A key erased again (a restore re-applying an erasure) keeps the entry that erased it first.
        PreparedStatement put = s.prepare(sql.dialect().insertIgnoringDuplicates("INSERT INTO erased_identifiers (key, entry) VALUES (?, ?)"));
        for (ProjectionChanges.ErasedIdentifier e : c.erasedIdentifiers) {
            put.setString(1, e.identifierKey());
            put.setLong(2, e.entry());
            put.addBatch();
        }
        put.executeBatch();
    }

    @Override
    public Set<String> erasedAmong(Collection<String> identifierKeys) {
        Set<String> out = new HashSet<>();
        sql.inChunks(identifierKeys, "SELECT key FROM erased_identifiers WHERE %s", "key", rs -> out.add(rs.getString(1)));
        return out;
    }

    @Override
    public boolean anyErasedIdentifier() { return sql.anyRow("erased_identifiers"); }

    @Override
    public void loadErasedIdentifiers(Consumer<ProjectionChanges.ErasedIdentifier> out) {
        sql.scan("SELECT key, entry FROM erased_identifiers ORDER BY key", rs -> new ProjectionChanges.ErasedIdentifier(rs.getString(1), rs.getLong(2)), out);
    }
}
