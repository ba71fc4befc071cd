package org.touchline.spark;

import org.apache.spark.sql.SparkSession;

/** One local[2] Spark session for all the test classes of a run: a session takes seconds to start. */
final class TestSpark {
    private static SparkSession session;

    private TestSpark() {}

    static synchronized SparkSession session() {
        if (session == null) session = Sessions.open("test", "local[2]");
        return session;
    }
}
