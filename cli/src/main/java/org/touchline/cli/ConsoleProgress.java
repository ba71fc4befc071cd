package org.touchline.cli;

import org.touchline.domain.Progress;


import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress on the terminal: a bar redrawn in place on a terminal, a line every 10% when output goes to a file or a
 * CI log.
 */
final class ConsoleProgress implements Progress {
    private final PrintStream out;
    private final boolean terminal = System.console() != null;
    private String phase;
    private long lastDecile = -1;
    private long started;
    private boolean lineOpen;

    ConsoleProgress(PrintStream out) { this.out = out; }

    @Override
    public synchronized void update(String phase, long done, long total) {
        if (!phase.equals(this.phase)) {
            if (lineOpen) out.println();
            lineOpen = false;
            this.phase = phase;
            lastDecile = -1;
            started = System.nanoTime();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (total <= 0) {
            if (terminal) {
                out.printf(Locale.ROOT, "\r%-34s %,d", phase, done);
                lineOpen = true;
            }
            return;
        }
        int pct = (int) Math.min(100, done * 100 / total);
        if (terminal) {
            int filled = pct / 4;
            out.printf(Locale.ROOT, "\r%-34s [%s%s] %3d%%  %.1fs", phase, "#".repeat(filled), " ".repeat(25 - filled), pct, seconds);
            lineOpen = done < total;
            if (!lineOpen) out.println();
        } else if (pct / 10 != lastDecile) {
            lastDecile = pct / 10;
            out.printf(Locale.ROOT, "%-34s %3d%%  %.1fs%n", phase, pct, seconds);
        }
    }
}
