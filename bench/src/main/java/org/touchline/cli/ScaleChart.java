package org.touchline.cli;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The scale benchmark's SVG: throughput and heap after collection against ledger size, in two panels sharing the
 * x axis, in the style of docs/ingest-throughput.svg (plain SVG, no script, readable on GitHub).
 */
final class ScaleChart {
    /** One report: the ledger's size then, the throughput of the stretch that ended there, and the heap after collection. */
    record Point(long entries, double perSecond, long heapBytes) {}

    private static final int WIDTH = 640, LEFT = 80, RIGHT = 20, PANEL = 150, TOP = 40, GAP = 50;

    private ScaleChart() {}

    static String svg(String title, List<Point> points) {
        if (points.isEmpty()) throw new IllegalArgumentException("nothing to plot");
        long maxX = points.get(points.size() - 1).entries();
        double maxRate = points.stream().mapToDouble(Point::perSecond).max().orElse(1);
        double maxHeap = points.stream().mapToLong(Point::heapBytes).max().orElse(1) / 1048576.0;
        int height = TOP + 2 * PANEL + GAP + 45;
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n",
                WIDTH, height));
        s.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"20\" font-size=\"14\" font-weight=\"bold\">%s</text>%n", escape(title)));
        panel(s, TOP, "interactions/s", niceMax(maxRate), points, maxX, p -> p.perSecond(), "#2563eb");
        panel(s, TOP + PANEL + GAP, "heap after GC, MiB", niceMax(maxHeap), points, maxX, p -> p.heapBytes() / 1048576.0, "#059669");
        int axisY = TOP + 2 * PANEL + GAP;
        double step = niceMax(maxX / 4.0); // round ledger sizes under the axis, as many as fit
        for (double tick = 0; tick <= maxX; tick += step) {
            double x = LEFT + (WIDTH - LEFT - RIGHT) * tick / maxX;
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#555\" font-size=\"10\">%s</text>%n",
                    x, axisY + 15, millions(tick)));
        }
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">ledger size (entries)</text>%n",
                LEFT + (WIDTH - LEFT - RIGHT) / 2, axisY + 35));
        return s.append("</svg>\n").toString();
    }

    private static void panel(StringBuilder s, int top, String label, double maxY, List<Point> points, long maxX,
                              ToDoubleFunction<Point> y, String colour) {
        int w = WIDTH - LEFT - RIGHT;
        s.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"%d\" fill=\"#333\">%s</text>%n", top - 6, label));
        for (int k = 0; k <= 4; k++) {
            double gy = top + PANEL - PANEL * k / 4.0;
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e5e7eb\"/>%n", LEFT, gy, LEFT + w, gy));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" fill=\"#555\" font-size=\"10\">%,.0f</text>%n",
                    LEFT - 6, gy + 4, maxY * k / 4));
        }
        StringBuilder line = new StringBuilder();
        for (Point p : points) {
            double px = LEFT + w * (double) p.entries() / maxX, py = top + PANEL - PANEL * y.applyAsDouble(p) / maxY;
            line.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, py));
            s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>%n", px, py, colour));
        }
        s.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>%n", line.toString().strip(), colour));
    }

    /** 1, 2 or 5 times a power of ten, at least {@code v}: round gridline labels. */
    static double niceMax(double v) {
        if (v <= 0) return 1;
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[]{1, 2, 5, 10}) if (m * p >= v) return m * p;
        return 10 * p;
    }

    private static String millions(double n) {
        return n >= 1e6 ? String.format(Locale.ROOT, "%.1f M", n / 1e6).replace(".0 M", " M") : String.format(Locale.ROOT, "%,.0f", n);
    }

    private static String escape(String t) { return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"); }
}
