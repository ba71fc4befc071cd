package org.touchline.store.jdbc;

import java.sql.SQLException;
import java.util.Collection;
import java.util.List;

/** What the store's SQL says differently on each database; everything else is written once in the Jdbc* classes. */
public interface SqlDialect {
    /** {@code insert} (an {@code INSERT INTO ...}) made to skip rows whose key is already there. */
    String insertIgnoringDuplicates(String insert);

    /** An INSERT of {@code keys} and {@code value} that replaces the value of a row already there under those keys. */
    String upsert(String table, String keys, String value);

    /** The statements that empty {@code tables}. */
    List<String> emptyTables(List<String> tables);

    /** How the append path sends new rows to {@code table}: a JDBC batch, or something cheaper the database has. */
    Rows rows(String table, String... columns);

    /** A condition that {@code column} is one of {@code count} values, bound by {@link #listArguments}. */
    String oneOf(String column, int count);

    /** The parameters {@link #oneOf} takes for {@code values}. */
    List<Object> listArguments(Session s, Collection<String> values) throws SQLException;

    /** How many values one {@link #oneOf} condition may hold at most. */
    int longestList();

    /**
     * Whether a scan of the log reads each entry's tree hashes and sealed part ahead in ranges: worth it where every
     * point read is a round trip to a server, not where reads are in-process.
     */
    boolean readsAheadInScans();
}
