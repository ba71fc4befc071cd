package org.touchline.store.jdbc;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** {@link Rows} as one JDBC batch of a cached single-row INSERT. */
public final class BatchedRows implements Rows {
    private final String sql;
    private final int columns;
    private final List<Object[]> rows = new ArrayList<>();

    public BatchedRows(String table, String... columns) {
        this.sql = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES (" + "?, ".repeat(columns.length - 1) + "?)";
        this.columns = columns.length;
    }

    @Override
    public Rows row(Object... values) {
        if (values.length != columns) throw new IllegalArgumentException(values.length + " values for " + columns + " columns");
        rows.add(values);
        return this;
    }

    @Override
    public void into(Session s) throws SQLException {
        if (rows.isEmpty()) return;
        PreparedStatement ps = s.prepare(sql);
        for (Object[] row : rows) {
            for (int i = 0; i < row.length; i++) ps.setObject(i + 1, row[i]);
            ps.addBatch();
        }
        ps.executeBatch();
    }
}
