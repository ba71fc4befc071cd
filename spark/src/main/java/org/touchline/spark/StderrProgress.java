package org.touchline.spark;

import org.touchline.domain.Progress;

import java.io.PrintStream;
import java.util.Locale;

/** Progress on stderr: one line per phase and per tenth of it, so a long run shows it is alive without flooding a log. */
final class StderrProgress implements Progress {
    private final PrintStream out;
    private String phase;
    private long lastTenth = -1;

    StderrProgress(PrintStream out) { this.out = out; }

    @Override
    public synchronized void update(String phase, long done, long total) {
        if (!phase.equals(this.phase)) {
            this.phase = phase;
            lastTenth = -1;
            if (total <= 0) out.println(phase);
        }
        if (total <= 0) return;
        long tenth = Math.min(10, done * 10 / total);
        if (tenth == lastTenth) return;
        lastTenth = tenth;
        out.printf(Locale.ROOT, "%s %d%%%n", phase, tenth * 10);
    }
}
