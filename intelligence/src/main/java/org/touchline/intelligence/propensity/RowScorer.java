package org.touchline.intelligence.propensity;

/** Runs a trained model on encoded rows: probabilities, and on request the log-odds shares behind them. */
interface RowScorer {

    /**
     * @param probabilities of the positive outcome, one per row
     * @param shares        per row, {@code width} column shares then the base value, summing to the row's
     *                      log-odds; null when reasons were not asked for
     */
    record Scored(double[] probabilities, double[][] shares) {
    }

    Scored score(double[][] rows, boolean withReasons);
}
