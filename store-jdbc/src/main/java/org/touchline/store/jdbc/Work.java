package org.touchline.store.jdbc;

import java.sql.SQLException;

/** What runs on a session, in a read or a write transaction of a {@link Database}. */
@FunctionalInterface
public interface Work<T> {
    T run(Session s) throws SQLException;
}
