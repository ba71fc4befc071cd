package org.touchline.server;

import io.javalin.Javalin;
import io.javalin.http.HandlerType;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A resource's routes: the class that answers them and each {@link Route} as the class declares it, in one place
 * beside its handlers. Installed on the server with the instance the server was assembled with.
 */
record Routes<R>(Class<R> resource, List<Route<R>> all) {

    /** The routes {@code declarations} declares for {@code resource}, each checked as it is finished (roles, purpose, cluster). */
    static <R> Routes<R> of(Class<R> resource, Consumer<Builder<R>> declarations) {
        Builder<R> b = new Builder<>();
        declarations.accept(b);
        return new Routes<>(resource, b.declared.stream().map(Route.Declaration::route).toList());
    }

    /** Registers every route on {@code app}, each answered by {@code instance}. */
    void install(Javalin app, R instance) {
        for (Route<R> r : all) app.addHttpHandler(HandlerType.valueOf(r.method()), r.path(), ctx -> r.endpoint().handle(instance, ctx));
    }

    /** Where a resource declares its routes: {@code get} and {@code post}, then each route's rules. */
    static final class Builder<R> {
        private final List<Route.Declaration<R>> declared = new ArrayList<>();

        Route.Declaration<R> get(String path, Route.Endpoint<R> endpoint) { return add("GET", path, endpoint); }

        Route.Declaration<R> post(String path, Route.Endpoint<R> endpoint) { return add("POST", path, endpoint); }

        private Route.Declaration<R> add(String method, String path, Route.Endpoint<R> endpoint) {
            Route.Declaration<R> d = new Route.Declaration<>(method, path, endpoint);
            declared.add(d);
            return d;
        }
    }
}
