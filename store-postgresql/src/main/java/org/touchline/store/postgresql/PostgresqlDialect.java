package org.touchline.store.postgresql;

import org.touchline.store.jdbc.Rows;
import org.touchline.store.jdbc.Session;
import org.touchline.store.jdbc.SqlDialect;

import java.sql.SQLException;
import java.util.Collection;
import java.util.List;

/** The store's SQL as PostgreSQL says it (PostgreSQL manual, INSERT "ON CONFLICT Clause", COPY, "Array Functions"). */
final class PostgresqlDialect implements SqlDialect {
    @Override
    public String insertIgnoringDuplicates(String insert) { return insert + " ON CONFLICT DO NOTHING"; }

    @Override
    public String upsert(String table, String keys, String value) {
        int columns = keys.split(",").length + 1;
        return "INSERT INTO " + table + " (" + keys + ", " + value + ") VALUES (" + "?, ".repeat(columns - 1) + "?) "
                + "ON CONFLICT (" + keys + ") DO UPDATE SET " + value + " = excluded." + value;
    }

    /** One TRUNCATE for all: it frees the tables' files at once, where DELETE leaves dead rows to vacuum. */
    @Override
    public List<String> emptyTables(List<String> tables) { return List.of("TRUNCATE " + String.join(", ", tables)); }

    /** Binary COPY: the server parses no SQL and no text per row (see {@link BinaryCopy}). */
    @Override
    public Rows rows(String table, String... columns) { return new BinaryCopy(table, columns); }

    /** The whole list as one array parameter: one statement, whatever its length. */
    @Override
    public String oneOf(String column, int count) { return column + " = ANY (?)"; }

    @Override
    public List<Object> listArguments(Session s, Collection<String> values) throws SQLException {
        return List.of(s.connection().createArrayOf("text", values.toArray()));
    }

    @Override
    public int longestList() { return Integer.MAX_VALUE; }

    /** Every point read is a round trip to the server. */
    @Override
    public boolean readsAheadInScans() { return true; }
}
