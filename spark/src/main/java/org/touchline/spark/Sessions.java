package org.touchline.spark;

import org.apache.spark.sql.SparkSession;

/**
 * The Spark session a job runs in. Under {@code spark-submit} the cluster's master and settings stand; run directly
 * ({@code touchline spark ...}) it is local mode with {@code --master}, default {@code local[2]}.
 */
final class Sessions {
    private Sessions() {}

    static SparkSession open(String app, String master) {
        SparkSession.Builder b = SparkSession.builder().appName("touchline " + app);
        // spark-submit sets spark.master as a system property; only a direct run chooses local mode.
        if (System.getProperty("spark.master") == null) {
            b.master(master)
                    .config("spark.ui.enabled", "false")
                    // Local mode: a few partitions per core, not the default 200 (each costs a task and a file).
                    .config("spark.sql.shuffle.partitions", String.valueOf(2 * Runtime.getRuntime().availableProcessors()))
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1");
        }
        SparkSession s = b.getOrCreate();
        s.sparkContext().setLogLevel("WARN");
        return s;
    }
}
