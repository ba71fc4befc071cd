package org.touchline.store.jdbc;

import java.sql.SQLException;

/** New rows for one table, sent together in the caller's transaction; values are Long, String, byte[] or null. */
public interface Rows {
    Rows row(Object... values);

    /** Sends the rows on {@code s}; nothing when there are none. */
    void into(Session s) throws SQLException;
}
