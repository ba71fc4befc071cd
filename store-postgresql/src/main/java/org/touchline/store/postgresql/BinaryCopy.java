package org.touchline.store.postgresql;

import org.postgresql.PGConnection;
import org.touchline.store.jdbc.Rows;
import org.touchline.store.jdbc.Session;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;

/**
 * Rows for one table sent with {@code COPY ... FROM STDIN (FORMAT binary)}: the server parses no SQL and no text per
 * row, which on the append path's big tables (entries, records, tree hashes, vault) is cheaper than even multi-row
 * INSERTs. Values are {@code Long} (BIGINT), {@code String} (TEXT) or {@code byte[]} (BYTEA), in column order.
 * PostgreSQL manual, COPY, "Binary Format".
 */
final class BinaryCopy implements Rows {
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};
    private final String sql;
    private final int columns;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final DataOutputStream out = new DataOutputStream(bytes);
    private int rows;

    BinaryCopy(String table, String... columns) {
        this.sql = "COPY " + table + " (" + String.join(", ", columns) + ") FROM STDIN (FORMAT binary)";
        this.columns = columns.length;
        try {
            out.write(SIGNATURE);
            out.writeInt(0); // flags
            out.writeInt(0); // header extension length
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public BinaryCopy row(Object... values) {
        if (values.length != columns) throw new IllegalArgumentException(values.length + " values for " + columns + " columns");
        try {
            out.writeShort(columns);
            for (Object v : values) {
                if (v == null) {
                    out.writeInt(-1);
                } else if (v instanceof Long n) {
                    out.writeInt(8);
                    out.writeLong(n);
                } else if (v instanceof String s) {
                    byte[] b = s.getBytes(StandardCharsets.UTF_8);
                    out.writeInt(b.length);
                    out.write(b);
                } else if (v instanceof byte[] b) {
                    out.writeInt(b.length);
                    out.write(b);
                } else {
                    throw new IllegalArgumentException("no binary COPY form for " + v.getClass().getSimpleName());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        rows++;
        return this;
    }

    /** Sends the rows on {@code s}, in its transaction; nothing when there are none. */
    @Override
    public void into(Session s) throws SQLException {
        if (rows == 0) return;
        try {
            out.writeShort(-1); // trailer
            s.connection().unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new ByteArrayInputStream(bytes.toByteArray()));
        } catch (IOException e) {
            throw new SQLException("COPY into " + sql + " failed: " + e.getMessage(), e);
        }
    }
}
