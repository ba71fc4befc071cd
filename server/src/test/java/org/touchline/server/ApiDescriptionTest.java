package org.touchline.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The OpenAPI document and the route declarations describe the same API: every declared route is described and every
 * described operation declared, and the served document says who may call each operation as its route declares it.
 */
class ApiDescriptionTest {
    static final class Probe {
        void handle(Context ctx) {}
    }

    static Set<String> shapes(List<Route<?>> routes) {
        Set<String> out = new TreeSet<>();
        routes.forEach(r -> out.add(ApiDescription.shape(r.method(), r.path())));
        return out;
    }

    @Test
    void every_declared_route_is_described_and_every_described_operation_is_declared() {
        Set<String> described = new TreeSet<>();
        ApiDescription.written().get("paths").fields().forEachRemaining(p -> p.getValue().fieldNames()
                .forEachRemaining(m -> described.add(ApiDescription.shape(m, p.getKey()))));
        assertThat(described).isEqualTo(shapes(RouteTable.all()));
    }

    @Test
    void a_declared_route_the_document_does_not_describe_is_named() {
        List<Route<?>> routes = new ArrayList<>(RouteTable.all());
        routes.addAll(Routes.of(Probe.class, r -> r.get("/v1/undescribed", Probe::handle).anyRole()).all());
        assertThatThrownBy(() -> ApiDescription.describe(ApiDescription.written(), routes))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("declared but not described [GET /v1/undescribed]");
    }

    @Test
    void a_described_operation_no_route_declares_is_named() {
        List<Route<?>> routes = new ArrayList<>(RouteTable.all());
        routes.removeIf(r -> r.key().equals("GET /v1/ledger/tile/*"));
        assertThatThrownBy(() -> ApiDescription.describe(ApiDescription.written(), routes))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("described but not declared [GET /v1/ledger/tile/{}]");
    }

    @Test
    void each_served_operation_names_the_roles_its_route_declares_and_only_public_ones_need_no_token() throws Exception {
        JsonNode served = ApiServer.JSON.readTree(ApiDescription.served());
        assertThat(served.at("/components/securitySchemes/" + ApiDescription.BEARER + "/scheme").asText()).isEqualTo("bearer");
        List<String> wrong = new ArrayList<>();
        served.get("paths").fields().forEachRemaining(p -> p.getValue().fields().forEachRemaining(op -> {
            String shape = ApiDescription.shape(op.getKey(), p.getKey());
            Route<?> route = RouteTable.all().stream().filter(r -> ApiDescription.shape(r.method(), r.path()).equals(shape)).findFirst().orElseThrow();
            Set<String> roles = new TreeSet<>();
            op.getValue().path("x-roles").forEach(n -> roles.add(n.asText()));
            boolean needsToken = op.getValue().path("security").size() >= 1 && op.getValue().at("/security/0").has(ApiDescription.BEARER);
            if (!roles.equals(route.roles()) || needsToken == route.roles().contains(AccessPolicy.ANYONE)
                    || !op.getValue().path("x-read-purpose").asText("").equals(route.purpose() == null ? "" : route.purpose()))
                wrong.add(route.key() + ": " + op.getValue().path("x-roles") + " " + op.getValue().path("security") + " " + op.getValue().path("x-read-purpose"));
        }));
        assertThat(wrong).isEmpty();
    }

    @Test
    void the_written_document_is_left_as_it_is() {
        ObjectNode written = ApiDescription.written();
        ApiDescription.describe(written, RouteTable.all());
        assertThat(written.at("/paths/~1v1~1health/get").has("x-roles")).isFalse();
    }
}
