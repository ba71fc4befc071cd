package org.touchline.node.audience;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.types.CelType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import org.touchline.contracts.ConditionLanguage;
import org.touchline.contracts.CostEstimator;
import org.touchline.contracts.Limits;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An audience's rule: a CEL condition over {@code customer} ({@link AudienceSchema}), checked, bounded and planned once
 * with the environment and limits contracts use ({@link ConditionLanguage}, {@link Limits#DEFAULT}): a misspelt field,
 * a wrong type, a result that is not a bool or an estimated cost above the limit is refused when the audience is
 * defined. Evaluation is pure and never throws: a customer for whom the rule fails (a propensity they do not have) is
 * not a member. Thread-safe.
 */
public final class AudienceRule {
    private static final CelCompiler COMPILER = ConditionLanguage.compiler(SimpleType.BOOL,
            List.of(AudienceSchema.CUSTOMER, AudienceSchema.WINDOW), Map.<String, CelType>of("customer", AudienceSchema.CUSTOMER));
    private static final CelRuntime RUNTIME = ConditionLanguage.runtime(Limits.DEFAULT_MAX_ITERATIONS);

    private final String source;
    private final CelRuntime.Program program;
    private final Set<String> fields;
    private final Set<String> keys;
    private final long cost;

    private AudienceRule(String source, CelRuntime.Program program, Set<String> fields, Set<String> keys, long cost) {
        this.source = source;
        this.program = program;
        this.fields = Set.copyOf(fields);
        this.keys = Set.copyOf(keys);
        this.cost = cost;
    }

    /** Checks and plans {@code rule}, or refuses it with an error naming the audience, the field {@code rule} and the reason. */
    public static AudienceRule compile(String audience, String rule) {
        String where = "audience '" + audience + "', field 'rule'";
        if (rule == null || rule.isBlank()) throw new IllegalArgumentException(where + ": required (a CEL condition over customer, e.g. customer.tenureDays >= 365)");
        CelAbstractSyntaxTree ast;
        try {
            CelValidationResult r = COMPILER.compile(rule, "rule");
            if (r.hasError()) throw new IllegalArgumentException(where + ": CEL " + r.getErrorString().replace("\n", "\n    "));
            ast = r.getAst();
        } catch (CelValidationException | RuntimeException e) {
            if (e instanceof IllegalArgumentException i && i.getMessage().startsWith(where)) throw i;
            throw new IllegalArgumentException(where + ": cannot be compiled: " + e.getMessage(), e);
        }
        long cost = CostEstimator.estimate(ast.getExpr(), Limits.DEFAULT_MAX_ITERATIONS);
        if (cost > Limits.DEFAULT_MAX_COST)
            throw new IllegalArgumentException(where + ": estimated cost " + cost + " exceeds the limit " + Limits.DEFAULT_MAX_COST
                    + " (each comprehension counts its body " + Limits.DEFAULT_MAX_ITERATIONS + " times)");
        Set<String> fields = new HashSet<>(), keys = new HashSet<>();
        read(ast.getExpr(), fields, keys);
        try {
            return new AudienceRule(rule, RUNTIME.createProgram(ast), fields, keys, cost);
        } catch (CelEvaluationException e) {
            throw new IllegalArgumentException(where + ": cannot be planned: " + e.getMessage(), e);
        }
    }

    /**
     * The fields of {@code customer} the rule reads (all of them when it uses the variable as a whole), and every name
     * it mentions that could be a key of a window's counts: a channel or type it names counts 0 when absent.
     */
    private static void read(CelExpr root, Set<String> fields, Set<String> keys) {
        Deque<CelExpr> todo = new ArrayDeque<>(List.of(root));
        while (!todo.isEmpty()) {
            CelExpr e = todo.pop();
            switch (e.exprKind().getKind()) {
                case CONSTANT -> {
                    if (e.constant().getKind() == CelConstant.Kind.STRING_VALUE) keys.add(e.constant().stringValue());
                }
                case IDENT -> {
                    if (e.ident().name().equals("customer")) fields.addAll(AudienceSchema.CUSTOMER_FIELDS.keySet());
                }
                case SELECT -> {
                    CelExpr operand = e.select().operand();
                    if (operand.exprKind().getKind() == CelExpr.ExprKind.Kind.IDENT && operand.ident().name().equals("customer"))
                        fields.add(e.select().field());
                    else todo.push(operand);
                    keys.add(e.select().field());
                }
                case CALL -> {
                    e.call().target().ifPresent(todo::push);
                    e.call().args().forEach(todo::push);
                }
                case LIST -> e.list().elements().forEach(todo::push);
                case MAP -> e.map().entries().forEach(x -> {
                    todo.push(x.key());
                    todo.push(x.value());
                });
                case STRUCT -> e.struct().entries().forEach(x -> todo.push(x.value()));
                case COMPREHENSION -> {
                    var c = e.comprehension();
                    todo.push(c.iterRange());
                    todo.push(c.accuInit());
                    todo.push(c.loopCondition());
                    todo.push(c.loopStep());
                    todo.push(c.result());
                }
                default -> { }
            }
        }
    }

    public String source() { return source; }

    /** The fields of {@code customer} the rule reads: only those are computed for it. */
    public Set<String> fields() { return fields; }

    /** Names the rule mentions: a window's count of a channel or type among them reads 0 when absent. */
    Set<String> keys() { return keys; }

    /** The static cost bound ({@link CostEstimator}). */
    public long cost() { return cost; }

    /** Whether the customer ({@code values}: {@link AudienceSchema#CUSTOMER_FIELDS} by name) is in; false when the rule fails for them. */
    public boolean test(Map<String, Object> values) {
        try {
            return Boolean.TRUE.equals(program.eval(Map.of("customer", values)));
        } catch (CelEvaluationException | RuntimeException e) {
            return false;
        }
    }
}
