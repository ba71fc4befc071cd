package org.touchline.contracts;

import dev.cel.common.ast.CelExpr;

import java.util.Map;

/**
 * A static upper bound on the work of one evaluation of a checked CEL expression, in "steps" (roughly one per
 * expression node evaluated). CEL-Java has no cost estimator of its own (cel-go has), so this is ours, kept sound by
 * the one runtime limit CEL-Java does enforce: the comprehension iteration budget ({@link Limits#maxIterations()}),
 * which caps the iterations of a top-level comprehension and every comprehension nested in it, together.
 *
 * <p>The bound: every node outside loop bodies once, plus, for each comprehension, (iterations) × (the cost of one
 * iteration of its own body). A comprehension's iterations are the size of a literal list or map it ranges over, when
 * it is not nested in another loop, and the iteration budget otherwise. A nested comprehension's setup (range, initial
 * value, result) is part of the enclosing loop's body; its own body is counted once with the budget, which is sound
 * because nested iterations share the budget of the top-level one. Functions with work proportional to their input
 * (regular expressions, string searches, parsing) weigh more than one step; strings in entries are short header
 * fields, and RE2 runs in linear time.
 */
public final class CostEstimator {
    private static final Map<String, Long> WEIGHTS = Map.ofEntries(
            Map.entry("matches", 25L), Map.entry("contains", 3L), Map.entry("startsWith", 3L), Map.entry("endsWith", 3L),
            Map.entry("size", 1L), Map.entry("timestamp", 5L), Map.entry("duration", 5L), Map.entry("string", 3L),
            Map.entry("int", 2L), Map.entry("double", 2L), Map.entry("_+_", 1L), Map.entry("_in_", 3L),
            Map.entry("getHours", 5L), Map.entry("getMinutes", 5L), Map.entry("getDayOfWeek", 5L), Map.entry("getDayOfMonth", 5L),
            Map.entry("getDayOfYear", 5L), Map.entry("getDate", 5L), Map.entry("getMonth", 5L), Map.entry("getFullYear", 5L),
            Map.entry("getSeconds", 5L), Map.entry("getMilliseconds", 5L));

    private final long budget;
    private long loops;

    private CostEstimator(long budget) {
        this.budget = budget;
    }

    /** The cost bound of {@code expr} when comprehensions may iterate {@code iterationBudget} times. */
    public static long estimate(CelExpr expr, long iterationBudget) {
        CostEstimator e = new CostEstimator(iterationBudget);
        long once = e.walk(expr, false);
        return saturate(once + e.loops);
    }

    private long walk(CelExpr e, boolean inLoop) {
        return switch (e.exprKind().getKind()) {
            case NOT_SET, CONSTANT, IDENT -> 1;
            case SELECT -> 1 + walk(e.select().operand(), inLoop);
            case CALL -> {
                CelExpr.CelCall c = e.call();
                long cost = 1 + WEIGHTS.getOrDefault(c.function(), 0L);
                if (c.target().isPresent()) cost += walk(c.target().get(), inLoop);
                for (CelExpr a : c.args()) cost += walk(a, inLoop);
                yield saturate(cost);
            }
            case LIST -> {
                long cost = 1;
                for (CelExpr x : e.list().elements()) cost += walk(x, inLoop);
                yield saturate(cost);
            }
            case MAP -> {
                long cost = 1;
                for (CelExpr.CelMap.Entry x : e.map().entries()) cost += walk(x.key(), inLoop) + walk(x.value(), inLoop);
                yield saturate(cost);
            }
            case STRUCT -> {
                long cost = 1;
                for (CelExpr.CelStruct.Entry x : e.struct().entries()) cost += walk(x.value(), inLoop);
                yield saturate(cost);
            }
            case COMPREHENSION -> {
                CelExpr.CelComprehension c = e.comprehension();
                long setup = 1 + walk(c.iterRange(), inLoop) + walk(c.accuInit(), inLoop) + walk(c.result(), inLoop);
                long body = walk(c.loopCondition(), true) + walk(c.loopStep(), true);
                long iterations = budget;
                if (!inLoop) {
                    CelExpr r = c.iterRange();
                    if (r.exprKind().getKind() == CelExpr.ExprKind.Kind.LIST) iterations = Math.min(budget, r.list().elements().size());
                    if (r.exprKind().getKind() == CelExpr.ExprKind.Kind.MAP) iterations = Math.min(budget, r.map().entries().size());
                }
                loops = saturate(loops + saturate(iterations * body));
                yield saturate(setup);
            }
        };
    }

    private static long saturate(long v) {
        return v < 0 ? Long.MAX_VALUE : v;
    }
}
