package org.touchline.spark;

import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.StageInfo;

import java.io.PrintStream;
import java.util.Locale;

/** One stderr line per finished Spark stage, so a long job shows where it is. */
final class StageProgress extends SparkListener {
    private final PrintStream out;

    StageProgress(PrintStream out) { this.out = out; }

    @Override
    public void onStageCompleted(SparkListenerStageCompleted done) {
        StageInfo s = done.stageInfo();
        long millis = s.completionTime().isDefined() && s.submissionTime().isDefined()
                ? (Long) s.completionTime().get() - (Long) s.submissionTime().get() : -1;
        String name = s.name().contains(" at ") ? s.name().substring(0, s.name().indexOf(" at ")) : s.name();
        out.printf(Locale.ROOT, "  spark stage %d (%s): %d tasks, %.1f s%n", s.stageId(), name, s.numTasks(), millis / 1000.0);
    }
}
