package org.touchline.contracts;

/**
 * The bounds on one evaluation of a contract. {@code maxIterations} is CEL's comprehension budget: the loops of one
 * top-level comprehension ({@code exists}, {@code all}, {@code map}, {@code filter}, nested ones included) run at
 * most that many times in all, or the evaluation fails. {@code maxCost} bounds the static cost estimate of the
 * condition and the amount expressions ({@link CostEstimator}), checked at compile time. {@code maxAmount} bounds
 * each evaluated token amount.
 */
public record Limits(long maxCost, long maxIterations, long maxAmount) {
    public static final long DEFAULT_MAX_COST = 10_000, CEILING_MAX_COST = 10_000;
    public static final long DEFAULT_MAX_ITERATIONS = 100, CEILING_MAX_ITERATIONS = 1_000;
    public static final long DEFAULT_MAX_AMOUNT = 1_000_000, CEILING_MAX_AMOUNT = 1_000_000_000;
    public static final Limits DEFAULT = new Limits(DEFAULT_MAX_COST, DEFAULT_MAX_ITERATIONS, DEFAULT_MAX_AMOUNT);
}
