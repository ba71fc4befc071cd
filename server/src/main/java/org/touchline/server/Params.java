package org.touchline.server;

import io.javalin.http.Context;

/** The API's numeric path and query parameters, read strictly: a value that is not what it must be is a 400 naming it. */
final class Params {
    private Params() {}

    static long longParam(String v, String name) {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + name + "' must be a whole number, got '" + v + "'");
        }
    }

    /** A required whole-number query parameter. */
    static long longQuery(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null) throw new IllegalArgumentException("query parameter '" + name + "' is required");
        return longParam(v, name);
    }

    /** A page's size: {@code byDefault} when not given, at most {@code max} (a larger ask gets a full page); below 1 is refused. */
    static int pageLimit(Context ctx, int byDefault, int max) {
        String v = ctx.queryParam("limit");
        if (v == null) return byDefault;
        long n = longParam(v, "limit");
        if (n < 1) throw new IllegalArgumentException("'limit' must be at least 1 (a page holds at most " + max + "), got " + n);
        return (int) Math.min(max, n);
    }

    /** A whole-number query parameter within [min, max], or {@code byDefault} when absent; 400 naming it otherwise. */
    static long rangeParam(Context ctx, String name, long byDefault, long min, long max) {
        String v = ctx.queryParam(name);
        if (v == null) return byDefault;
        long n = longParam(v, name);
        if (n < min || n > max) throw new IllegalArgumentException("'" + name + "' must be between " + min + " and " + max + ", got " + n);
        return n;
    }
}
