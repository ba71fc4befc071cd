package org.touchline.intelligence.propensity;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Scoring speed at a million customers: builds the seeded synthetic population in memory, trains each algorithm on
 * a sample of it, then times single-customer scoring (random customers out of the whole population, after warm-up;
 * each score includes the encoding and the top contributions) and batch scoring of {@code batchRows} customers
 * (those after the training sample; every customer, if {@code batchRows} is 0), with reasons and as probabilities
 * only. Single-threaded throughout.
 *
 * <p>Usage: {@code java -Xmx4g -cp <classpath> org.touchline.intelligence.propensity.PropensityBench
 * [customers=1000000] [calls=100000] [warmup=20000] [batch=10000] [training=20000] [batchRows=0]}
 */
public final class PropensityBench {
    private static final Logger TRIBUO_LOG = Logger.getLogger("org.tribuo"); // held: the logging keeps loggers weakly

    private PropensityBench() {
    }

    public static void main(String[] args) {
        TRIBUO_LOG.setLevel(Level.WARNING);
        int customers = arg(args, 0, 1_000_000);
        int calls = arg(args, 1, 100_000);
        int warmup = arg(args, 2, 20_000);
        int batch = arg(args, 3, 10_000);
        int training = Math.min(arg(args, 4, 20_000), customers);
        int batchRows = arg(args, 5, 0);

        long t0 = System.nanoTime();
        List<Example> population = new SyntheticCustomers(2026).customers(0, customers);
        System.out.printf(Locale.ROOT, "population: %,d synthetic customers built in %.1f s (heap in use %,d MB)%n",
                customers, seconds(t0), usedHeapMb());

        List<Example> batchSet = population;
        if (batchRows > 0 && batchRows < customers) {
            int from = Math.min(training, customers - batchRows); // after the training sample where there is room
            batchSet = population.subList(from, from + batchRows);
        }

        for (HyperParameters parameters : List.of(HyperParameters.Logistic.defaults(), HyperParameters.Boosting.defaults())) {
            long trainStart = System.nanoTime();
            PropensityModel model = new PropensityTrainer(parameters)
                    .train(new ModelVersion("bench", 1), population.subList(0, training));
            System.out.printf(Locale.ROOT, "%n%s (%s): trained on %,d customers in %.1f s%n", parameters.algorithm(),
                    parameters, training, seconds(trainStart));
            single(model, population, warmup, calls);
            batch(model, batchSet, batch);
        }
    }

    private static void single(PropensityModel model, List<Example> population, int warmup, int calls) {
        var random = new SplittableRandom(7);
        double sink = 0;
        for (int i = 0; i < warmup; i++) {
            sink += model.score(population.get(random.nextInt(population.size()))).probability();
        }
        long[] nanos = new long[calls];
        for (int i = 0; i < calls; i++) {
            Example customer = population.get(random.nextInt(population.size()));
            long start = System.nanoTime();
            sink += model.score(customer).probability();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "  single customer, %,d calls after %,d warm-up: p50 %.3f ms, p99 %.3f ms, "
                        + "p99.9 %.3f ms, max %.3f ms (checksum %.1f)%n", calls, warmup, ms(nanos[calls / 2]),
                ms(nanos[(int) (calls * 0.99)]), ms(nanos[(int) (calls * 0.999)]), ms(nanos[calls - 1]), sink);
    }

    private static void batch(PropensityModel model, List<Example> rows, int batch) {
        long start = System.nanoTime();
        double sink = 0;
        for (int from = 0; from < rows.size(); from += batch) {
            for (Score s : model.score(rows.subList(from, Math.min(from + batch, rows.size())))) {
                sink += s.probability();
            }
        }
        double elapsed = seconds(start);
        System.out.printf(Locale.ROOT, "  batch with reasons, %,d customers in batches of %,d: %.1f s, %,.0f rows/s "
                + "(mean propensity %.4f)%n", rows.size(), batch, elapsed, rows.size() / elapsed, sink / rows.size());
        start = System.nanoTime();
        sink = 0;
        for (int from = 0; from < rows.size(); from += batch) {
            for (double p : model.probabilities(rows.subList(from, Math.min(from + batch, rows.size())))) {
                sink += p;
            }
        }
        elapsed = seconds(start);
        System.out.printf(Locale.ROOT, "  batch, probabilities only: %.1f s, %,.0f rows/s (mean propensity %.4f)%n",
                elapsed, rows.size() / elapsed, sink / rows.size());
    }

    private static int arg(String[] args, int index, int fallback) {
        return args.length > index ? Integer.parseInt(args[index]) : fallback;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static long usedHeapMb() {
        Runtime runtime = Runtime.getRuntime();
        return (runtime.totalMemory() - runtime.freeMemory()) >> 20;
    }
}
