package org.touchline.store.sqlite;

import org.touchline.store.jdbc.BatchedRows;
import org.touchline.store.jdbc.Rows;
import org.touchline.store.jdbc.Session;
import org.touchline.store.jdbc.SqlDialect;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** The store's SQL as SQLite says it (SQLite, "INSERT" and "The ON CONFLICT Clause"). */
final class SqliteDialect implements SqlDialect {
    /** Well under SQLite's limit of 32766 host parameters; one statement per 500 ids instead of one per record. */
    private static final int IN_LIST = 500;

    @Override
    public String insertIgnoringDuplicates(String insert) {
        if (!insert.startsWith("INSERT INTO ")) throw new IllegalArgumentException("not an INSERT INTO: " + insert);
        return "INSERT OR IGNORE INTO " + insert.substring("INSERT INTO ".length());
    }

    /** The tables replaced this way hold only the key and the value, so replacing the whole row loses nothing. */
    @Override
    public String upsert(String table, String keys, String value) {
        int columns = keys.split(",").length + 1;
        return "INSERT OR REPLACE INTO " + table + " (" + keys + ", " + value + ") VALUES (" + "?, ".repeat(columns - 1) + "?)";
    }

    @Override
    public List<String> emptyTables(List<String> tables) {
        return tables.stream().map(t -> "DELETE FROM " + t).toList();
    }

    /** In-process inserts of a prepared statement: nothing cheaper to be had. */
    @Override
    public Rows rows(String table, String... columns) { return new BatchedRows(table, columns); }

    @Override
    public String oneOf(String column, int count) {
        return column + " IN (" + "?,".repeat(count - 1) + "?)";
    }

    @Override
    public List<Object> listArguments(Session s, Collection<String> values) { return new ArrayList<>(values); }

    @Override
    public int longestList() { return IN_LIST; }

    @Override
    public boolean readsAheadInScans() { return false; }
}
