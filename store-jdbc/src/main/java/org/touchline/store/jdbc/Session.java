package org.touchline.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/** A connection and its prepared statements, prepared once and reused: parsing SQL is the cost of a point query. */
public final class Session {
    private final Connection connection;
    private final Map<String, PreparedStatement> statements = new HashMap<>();

    public Session(Connection connection) { this.connection = connection; }

    public Connection connection() { return connection; }

    public PreparedStatement prepare(String sql) throws SQLException {
        PreparedStatement ps = statements.get(sql);
        if (ps == null) {
            ps = connection.prepareStatement(sql);
            statements.put(sql, ps);
        }
        return ps;
    }

    public void execute(String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }

    /** Whether the connection still answers (a server may have dropped it). */
    public boolean isValid() {
        try {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    public void close() {
        try {
            for (PreparedStatement ps : statements.values()) ps.close();
            connection.close();
        } catch (SQLException ignored) {
            // closing at shutdown: nothing left to save
        }
    }
}
