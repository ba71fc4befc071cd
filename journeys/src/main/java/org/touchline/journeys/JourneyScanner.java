package org.touchline.journeys;

/**
 * Cuts one unit's touches (in time order) into journeys by {@link JourneyRules}. Each journey is reported by the
 * positions, in the unit's row list, of its first touch, its last opening touch and (when converted) its decision.
 * A converting touch with no journey open (right after another decision, or after a silence) is a direct decision:
 * counted, but no journey.
 */
final class JourneyScanner {
    /** Receives the journeys of a unit in order. {@code decision} is -1 unless converted. */
    interface Sink {
        void journey(int first, int last, int decision);

        default void directDecision(int at) {}
    }

    private final TouchTable table;
    private final int opening, converting;
    private final long silence;

    JourneyScanner(TouchTable table, JourneyRules rules) {
        this.table = table;
        this.opening = rules.openingMask();
        this.converting = rules.convertingMask();
        this.silence = rules.silence().getSeconds();
    }

    /** Journeys still open at the end are reported with decision -1; the caller tells in progress from abandoned. */
    void scan(int[] rows, int n, Sink sink) {
        int first = -1, last = -1;
        for (int i = 0; i < n; i++) {
            int bit = 1 << table.stage[rows[i]];
            boolean opens = (bit & opening) != 0, converts = (bit & converting) != 0;
            if (!opens && !converts) continue;
            if (first >= 0 && (long) table.time[rows[i]] - table.time[rows[last]] > silence) {
                sink.journey(first, last, -1);
                first = -1;
            }
            if (converts) {
                if (first >= 0) sink.journey(first, last, i);
                else sink.directDecision(i);
                first = -1;
                continue;
            }
            if (first < 0) first = i;
            last = i;
        }
        if (first >= 0) sink.journey(first, last, -1);
    }

    boolean isOpening(int row) { return ((1 << table.stage[row]) & opening) != 0; }

    long silence() { return silence; }
}
