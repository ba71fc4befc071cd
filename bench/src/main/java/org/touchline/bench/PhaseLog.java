package org.touchline.bench;

import org.touchline.domain.Progress;

import java.io.PrintStream;
import java.util.Locale;

/** Progress for a log file: one line when a phase begins, with the seconds since the run began. */
final class PhaseLog implements Progress {
    private final PrintStream out;
    private final long started = System.nanoTime();
    private String phase;

    PhaseLog(PrintStream out) {
        this.out = out;
    }

    @Override
    public synchronized void update(String phase, long done, long total) {
        if (phase.equals(this.phase)) return;
        this.phase = phase;
        out.printf(Locale.ROOT, "  %7.1f s  %s%n", (System.nanoTime() - started) / 1e9, phase);
    }
}
