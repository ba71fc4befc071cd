package org.touchline.contracts;

import com.google.common.collect.ImmutableList;
import dev.cel.common.CelOptions;
import dev.cel.common.types.CelType;
import dev.cel.common.types.CelTypeProvider;
import dev.cel.common.types.StructType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerBuilder;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CEL as Touchline's rules use it (contracts, audiences): CEL's standard library and macros, no clock and no
 * randomness, expressions of at most {@link ContractDefinition#MAX_EXPRESSION_LENGTH} code points, regular
 * expressions of bounded size, and comprehensions bounded by an iteration budget ({@link Limits}). One place, so every
 * rule is checked and bounded the same way.
 */
public final class ConditionLanguage {
    private ConditionLanguage() {}

    static CelOptions options(long maxIterations) {
        return CelOptions.current()
                .comprehensionMaxIterations((int) maxIterations)
                .maxExpressionCodePointSize(ContractDefinition.MAX_EXPRESSION_LENGTH)
                .maxRegexProgramSize(500)
                .build();
    }

    /** A checker for expressions of type {@code resultType} over {@code variables} whose struct types are {@code types}. */
    public static CelCompiler compiler(CelType resultType, List<StructType> types, Map<String, CelType> variables) {
        CelCompilerBuilder b = CelCompilerFactory.standardCelCompilerBuilder()
                .setOptions(options(Limits.DEFAULT_MAX_ITERATIONS))
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .setTypeProvider(provider(types))
                .setResultType(resultType);
        variables.forEach(b::addVar);
        return b.build();
    }

    /** The runtime whose comprehensions stop after {@code maxIterations} iterations. */
    public static CelRuntime runtime(long maxIterations) {
        return CelRuntimeFactory.standardCelRuntimeBuilder().setOptions(options(maxIterations)).build();
    }

    /** A struct type named {@code name} with {@code fields}, for the checker to refuse a misspelt field or a wrong type. */
    public static StructType struct(String name, Map<String, ContractSchema.Field> fields) {
        return ContractSchema.struct(name, fields);
    }

    /** A provider of {@code types}, by name. */
    static CelTypeProvider provider(List<StructType> types) {
        return new CelTypeProvider() {
            @Override
            public ImmutableList<CelType> types() {
                return ImmutableList.<CelType>copyOf(types);
            }

            @Override
            public Optional<CelType> findType(String name) {
                return types.stream().filter(t -> t.name().equals(name)).<CelType>map(t -> t).findFirst();
            }
        };
    }
}
