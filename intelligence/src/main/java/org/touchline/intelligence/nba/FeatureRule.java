package org.touchline.intelligence.nba;

import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;

import java.util.Map;

/**
 * A condition over a customer's features, in CEL (the language contracts use): {@code f.tenure_days >= 90 &&
 * f.stage == "support"}. Compiled once, evaluated with bounded cost and no clock or randomness, so the same features
 * always give the same answer.
 */
public final class FeatureRule {
    private static final CelOptions OPTIONS = CelOptions.current()
            .enableHeterogeneousNumericComparisons(true)
            .comprehensionMaxIterations(1000)
            .maxExpressionCodePointSize(2000)
            .build();
    private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
            .setOptions(OPTIONS)
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar("f", MapType.create(SimpleType.STRING, SimpleType.DYN))
            .setResultType(SimpleType.BOOL)
            .build();
    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().setOptions(OPTIONS).build();

    private final String source;
    private final CelRuntime.Program program;

    private FeatureRule(String source, CelRuntime.Program program) {
        this.source = source;
        this.program = program;
    }

    /** Compiles {@code expression}; {@code where} names it in the error (e.g. "action upsell-fibre, field eligible"). */
    public static FeatureRule compile(String expression, String where) {
        try {
            CelValidationResult r = COMPILER.compile(expression, where);
            if (r.hasError()) throw new IllegalArgumentException(where + ": CEL " + r.getErrorString());
            return new FeatureRule(expression, RUNTIME.createProgram(r.getAst()));
        } catch (CelValidationException | CelEvaluationException e) {
            throw new IllegalArgumentException(where + ": CEL " + e.getMessage(), e);
        }
    }

    public String source() { return source; }

    /** True if the condition holds; a feature the rule reads but the vector lacks is an error naming it. */
    public boolean test(Map<String, Object> features) {
        try {
            return (Boolean) program.eval(Map.of("f", features));
        } catch (CelEvaluationException e) {
            throw new IllegalArgumentException("rule '" + source + "': " + e.getMessage(), e);
        }
    }
}
