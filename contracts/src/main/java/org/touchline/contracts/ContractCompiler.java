package org.touchline.contracts;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.CelType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Type-checks and plans contracts once, for any number of evaluations. The CEL environment is CEL's standard library
 * and macros ({@code has}, {@code all}, {@code exists}, {@code exists_one}, {@code map}, {@code filter}) and the two
 * variables of {@link ContractSchema}; nothing else. CEL's standard library has no clock and no randomness (there is
 * no {@code now()}); time comes only from {@code entry.occurredAt}, and time-zone functions read the JDK's zone
 * rules. Conditions must be of type bool, amounts of type int, and their estimated cost ({@link CostEstimator})
 * must stay within the contract's {@link Limits#maxCost()}. Thread-safe.
 */
public final class ContractCompiler {
    /** The one shared compiler (its environment never changes). */
    public static final ContractCompiler STANDARD = new ContractCompiler();

    private final CelCompiler conditions = compiler(SimpleType.BOOL);
    private final CelCompiler amounts = compiler(SimpleType.INT);
    /** One runtime per iteration budget: CEL-Java takes the budget from the runtime's options. */
    private final ConcurrentHashMap<Long, CelRuntime> runtimes = new ConcurrentHashMap<>();

    private final boolean prefilter;

    private ContractCompiler() {
        this(true);
    }

    /** With {@code prefilter} false, every condition runs through CEL (the benchmark's comparison; same outcomes). */
    ContractCompiler(boolean prefilter) {
        this.prefilter = prefilter;
    }

    /** Compiles a definition, or throws a {@link ContractException} naming the contract, the field and the CEL error. */
    public CompiledContract compile(ContractDefinition d) {
        Limits limits = d.limits();
        CelRuntime runtime = runtimes.computeIfAbsent(limits.maxIterations(), ContractCompiler::runtime);
        CelAbstractSyntaxTree condition = check(d, conditions, d.condition(), "condition");
        long cost = CostEstimator.estimate(condition.getExpr(), limits.maxIterations());
        List<CelRuntime.Program> amountPrograms = new ArrayList<>();
        for (int i = 0; i < d.actions().size(); i++) {
            ActionSpec a = d.actions().get(i);
            String expression = a.amountExpression();
            if (expression == null) {
                amountPrograms.add(null);
                continue;
            }
            String field = "actions[" + i + "]." + a.type().wireName() + ".amount";
            CelAbstractSyntaxTree ast = check(d, amounts, expression, field);
            cost += CostEstimator.estimate(ast.getExpr(), limits.maxIterations());
            amountPrograms.add(plan(d, runtime, ast, field));
        }
        if (cost > limits.maxCost()) {
            throw ContractException.field(d.id(), "condition", "estimated cost " + cost + " exceeds limits.maxCost " + limits.maxCost()
                    + " (each comprehension counts its body " + limits.maxIterations() + " times, limits.maxIterations)");
        }
        return new CompiledContract(d, cost, plan(d, runtime, condition, "condition"), prefilter ? Prefilter.of(condition.getExpr()) : null, amountPrograms);
    }

    private static CelAbstractSyntaxTree check(ContractDefinition d, CelCompiler compiler, String expression, String field) {
        CelValidationResult r;
        try {
            r = compiler.compile(expression, field);
        } catch (RuntimeException e) {
            throw ContractException.field(d.id(), field, "cannot be compiled: " + e.getMessage());
        }
        if (r.hasError()) throw ContractException.field(d.id(), field, "CEL " + r.getErrorString().replace("\n", "\n    "));
        try {
            return r.getAst();
        } catch (CelValidationException e) {
            throw ContractException.field(d.id(), field, "CEL " + e.getMessage());
        }
    }

    private static CelRuntime.Program plan(ContractDefinition d, CelRuntime runtime, CelAbstractSyntaxTree ast, String field) {
        try {
            return runtime.createProgram(ast);
        } catch (CelEvaluationException e) {
            throw ContractException.field(d.id(), field, "cannot be planned: " + e.getMessage());
        }
    }

    private static CelCompiler compiler(CelType resultType) {
        return ConditionLanguage.compiler(resultType, List.of(ContractSchema.ENTRY, ContractSchema.CUSTOMER),
                Map.of("entry", ContractSchema.ENTRY, "customer", ContractSchema.CUSTOMER));
    }

    private static CelRuntime runtime(long maxIterations) {
        return ConditionLanguage.runtime(maxIterations);
    }
}
