package org.touchline.intelligence.forecast;

/**
 * Mean absolute scaled error (Hyndman and Koehler 2006): the mean absolute error of a forecast divided by
 * {@code scale}, the in-sample mean absolute error of the seasonal naive forecast {@code y[t] - y[t - lag]} over the
 * training data. Below 1 means better, on average, than repeating last season in sample.
 */
public record Mase(double scale) {

    public Mase {
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("MASE scale " + scale + " must be a finite number > 0");
        }
    }

    /** Scale from the training values (in time order) and the seasonal lag in intervals. */
    public static Mase ofSeasonalNaive(double[] training, int lag) {
        if (lag < 1 || training.length <= lag) {
            throw new IllegalArgumentException("MASE scale: seasonal lag " + lag + " needs more than " + lag
                    + " training values, got " + training.length);
        }
        double sum = 0;
        for (int t = lag; t < training.length; t++) {
            sum += Math.abs(training[t] - training[t - lag]);
        }
        double scale = sum / (training.length - lag);
        if (scale == 0) {
            throw new IllegalArgumentException("MASE scale: the training data repeat exactly every " + lag
                    + " intervals, so the seasonal naive error is 0 and MASE is undefined");
        }
        return new Mase(scale);
    }

    public double of(double[] actual, double[] forecast) {
        if (actual.length != forecast.length || actual.length == 0) {
            throw new IllegalArgumentException("MASE: " + actual.length + " actuals and " + forecast.length
                    + " forecasts must be equal in number and not empty");
        }
        double sum = 0;
        for (int t = 0; t < actual.length; t++) {
            sum += Math.abs(actual[t] - forecast[t]);
        }
        return sum / actual.length / scale;
    }
}
