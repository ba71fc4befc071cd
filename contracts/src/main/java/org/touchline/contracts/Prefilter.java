package org.touchline.contracts;

import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A fast, exact shortcut for the common shape of a condition: {@code &&}, {@code ||} and {@code !} over
 * {@code has(entry.f)}, comparisons of fields of {@code entry} and {@code customer} with literals or with each other,
 * {@code entry.f in [literals]}, {@code startsWith}, {@code endsWith} and {@code contains} with a literal, and bool
 * fields. Evaluated in Java with three values (true, false, unknown), where a
 * missing field or anything else is unknown; only a definite true or false is used, and unknown falls back to the
 * CEL program. This is exact because CEL's {@code &&} and {@code ||} are commutative over errors: {@code false && x}
 * is false and {@code true || x} is true even when {@code x} is an error, so one definite conjunct (disjunct) decides,
 * as it does here. ContractCompilerTest compares both paths on random conditions and entries.
 *
 * <p>Why: CEL-Java's interpreter costs about a microsecond per condition (dispatch, overload resolution); most
 * contracts reject most entries on a guard such as {@code entry.rating == 5} or {@code entry.purpose == 'marketing'}
 * that costs tens of nanoseconds here.
 */
final class Prefilter {
    static final byte FALSE = 0, TRUE = 1, UNKNOWN = 2;

    interface Node {
        byte eval(Activation vars);
    }

    private static final Node UNKNOWN_NODE = vars -> UNKNOWN;
    private static final Set<String> ORDERING = Set.of("_<_", "_<=_", "_>_", "_>=_");

    private Prefilter() {}

    /** The shortcut for a checked condition, or null when it could never decide anything. */
    static Node of(CelExpr condition) {
        Node n = node(condition);
        return n == UNKNOWN_NODE ? null : n;
    }

    private static Node node(CelExpr e) {
        switch (e.exprKind().getKind()) {
            case CONSTANT -> {
                CelConstant c = e.constant();
                if (c.getKind() == CelConstant.Kind.BOOLEAN_VALUE) return c.booleanValue() ? vars -> TRUE : vars -> FALSE;
                return UNKNOWN_NODE;
            }
            case SELECT -> {
                Operand f = field(e);
                if (f != null) return vars -> f.value(vars) instanceof Boolean b ? (b ? TRUE : FALSE) : UNKNOWN;
                CelExpr.CelSelect s = e.select();
                if (s.testOnly() && variable(s.operand()) != 0) {
                    boolean entry = variable(s.operand()) == 'e';
                    String name = s.field();
                    return vars -> (entry ? vars.entryValues() : vars.customerValues()).containsKey(name) ? TRUE : FALSE;
                }
                return UNKNOWN_NODE;
            }
            case CALL -> {
                CelExpr.CelCall c = e.call();
                List<CelExpr> args = c.args();
                if (c.target().isPresent()) return stringTest(c);
                switch (c.function()) {
                    case "_&&_", "_||_" -> {
                        List<Node> parts = new ArrayList<>();
                        for (CelExpr a : args) parts.add(node(a));
                        if (parts.stream().allMatch(p -> p == UNKNOWN_NODE)) return UNKNOWN_NODE;
                        Node[] ps = parts.stream().filter(p -> p != UNKNOWN_NODE).toArray(Node[]::new);
                        boolean anyUnknown = ps.length < parts.size();
                        return c.function().equals("_&&_") ? and(ps, anyUnknown) : or(ps, anyUnknown);
                    }
                    case "!_" -> {
                        Node inner = node(args.get(0));
                        if (inner == UNKNOWN_NODE) return UNKNOWN_NODE;
                        return vars -> {
                            byte v = inner.eval(vars);
                            return v == UNKNOWN ? UNKNOWN : v == TRUE ? FALSE : TRUE;
                        };
                    }
                    case "_==_", "_!=_", "_<_", "_<=_", "_>_", "_>=_" -> {
                        Operand l = operand(args.get(0)), r = operand(args.get(1));
                        if (l == null || r == null) return UNKNOWN_NODE;
                        return compare(c.function(), l, r);
                    }
                    case "@in" -> {
                        Operand l = operand(args.get(0));
                        CelExpr list = args.get(1);
                        if (l == null || list.exprKind().getKind() != CelExpr.ExprKind.Kind.LIST || !list.list().optionalIndices().isEmpty()) return UNKNOWN_NODE;
                        List<Object> values = new ArrayList<>();
                        for (CelExpr x : list.list().elements()) {
                            Object v = literal(x);
                            if (v == null) return UNKNOWN_NODE;
                            values.add(v);
                        }
                        Set<Object> set = Set.copyOf(values);
                        return vars -> {
                            Object v = l.value(vars);
                            return v == null ? UNKNOWN : set.contains(v) ? TRUE : FALSE;
                        };
                    }
                    default -> {
                        return UNKNOWN_NODE;
                    }
                }
            }
            default -> {
                return UNKNOWN_NODE;
            }
        }
    }

    /** {@code entry.f.startsWith('x')}, {@code endsWith}, {@code contains}: the same test in Java and CEL. */
    private static Node stringTest(CelExpr.CelCall c) {
        Operand f = field(c.target().get());
        Object arg = c.args().size() == 1 ? literal(c.args().get(0)) : null;
        if (f == null || !(arg instanceof String x)) return UNKNOWN_NODE;
        return switch (c.function()) {
            case "startsWith" -> vars -> f.value(vars) instanceof String v ? (v.startsWith(x) ? TRUE : FALSE) : UNKNOWN;
            case "endsWith" -> vars -> f.value(vars) instanceof String v ? (v.endsWith(x) ? TRUE : FALSE) : UNKNOWN;
            case "contains" -> vars -> f.value(vars) instanceof String v ? (v.contains(x) ? TRUE : FALSE) : UNKNOWN;
            default -> UNKNOWN_NODE;
        };
    }

    /** {@code a && b && ...}: false if any is false; true if all are true (and none was left to CEL). */
    private static Node and(Node[] parts, boolean anyUnknown) {
        return vars -> {
            byte result = anyUnknown ? UNKNOWN : TRUE;
            for (Node p : parts) {
                byte v = p.eval(vars);
                if (v == FALSE) return FALSE;
                if (v == UNKNOWN) result = UNKNOWN;
            }
            return result;
        };
    }

    private static Node or(Node[] parts, boolean anyUnknown) {
        return vars -> {
            byte result = anyUnknown ? UNKNOWN : FALSE;
            for (Node p : parts) {
                byte v = p.eval(vars);
                if (v == TRUE) return TRUE;
                if (v == UNKNOWN) result = UNKNOWN;
            }
            return result;
        };
    }

    private static Node compare(String op, Operand l, Operand r) {
        boolean ordering = ORDERING.contains(op);
        return vars -> {
            Object a = l.value(vars), b = r.value(vars);
            if (a == null || b == null) return UNKNOWN;
            if (ordering) {
                if (!(a instanceof Long x) || !(b instanceof Long y)) return UNKNOWN;
                int c = Long.compare(x, y);
                boolean v = switch (op) {
                    case "_<_" -> c < 0;
                    case "_<=_" -> c <= 0;
                    case "_>_" -> c > 0;
                    default -> c >= 0;
                };
                return v ? TRUE : FALSE;
            }
            if (a.getClass() != b.getClass() || !(a instanceof Long || a instanceof String || a instanceof Boolean)) return UNKNOWN;
            return a.equals(b) == op.equals("_==_") ? TRUE : FALSE;
        };
    }

    /** A value read from a field of entry or customer (null when absent), or a literal. */
    private interface Operand {
        Object value(Activation vars);
    }

    private static Operand operand(CelExpr e) {
        Operand f = field(e);
        if (f != null) return f;
        Object v = literal(e);
        return v == null ? null : vars -> v;
    }

    private static Operand field(CelExpr e) {
        if (e.exprKind().getKind() != CelExpr.ExprKind.Kind.SELECT || e.select().testOnly()) return null;
        char var = variable(e.select().operand());
        if (var == 0) return null;
        String name = e.select().field();
        if (var == 'e') return vars -> vars.entryValues().get(name);
        return vars -> vars.customerValues().get(name);
    }

    /** 'e' for the variable entry, 'c' for customer, 0 otherwise. */
    private static char variable(CelExpr e) {
        if (e.exprKind().getKind() != CelExpr.ExprKind.Kind.IDENT) return 0;
        String n = e.ident().name();
        return n.equals("entry") ? 'e' : n.equals("customer") ? 'c' : 0;
    }

    /** An int, string or bool literal as the runtime value CEL compares it as, or null. */
    private static Object literal(CelExpr e) {
        if (e.exprKind().getKind() != CelExpr.ExprKind.Kind.CONSTANT) return null;
        CelConstant c = e.constant();
        return switch (c.getKind()) {
            case INT64_VALUE -> c.int64Value();
            case STRING_VALUE -> c.stringValue();
            case BOOLEAN_VALUE -> c.booleanValue();
            default -> null;
        };
    }

}
