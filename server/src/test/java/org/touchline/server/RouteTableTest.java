package org.touchline.server;

import io.javalin.Javalin;
import io.javalin.http.Context;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.touchline.server.AccessPolicy.ADMINISTRATOR;

/**
 * Every route of the API with the rules it declares: who may call it, why its reads are logged for the customer, and
 * what a cluster node does with it. The table is reviewed: a route added, removed or changed shows up here, and a
 * declaration that leaves out its roles never gets this far (the server refuses to start).
 */
class RouteTableTest {
    /**
     * Method, route, roles, purpose of the logged reads (- for none), what a cluster node does (read, ordered or
     * refused), and whether the route answers while a job replays the projections (or 503).
     */
    static final String REVIEWED = """
                 route                                    roles                                                    read purpose    cluster  replay
            GET  /metrics                                 administrator, metrics                                   -               read     503
            GET  /v1/access-tokens                        administrator, auditor                                   -               read     503
            GET  /v1/agents/{id}/tokens                   administrator, agent                                     -               read     503
            GET  /v1/analytics/co-churn                   administrator, analyst                                   -               read     503
            GET  /v1/analytics/cohorts                    administrator, analyst                                   -               read     503
            GET  /v1/analytics/flow                       administrator, analyst                                   -               read     503
            GET  /v1/analytics/journeys                   administrator, analyst                                   -               read     503
            GET  /v1/analytics/products/{product}         administrator, analyst                                   -               read     503
            GET  /v1/analytics/snapshot                   administrator, analyst                                   -               read     503
            GET  /v1/analytics/vocabulary                 administrator, analyst                                   -               read     503
            GET  /v1/audience-schema                      administrator, analyst                                   -               read     503
            GET  /v1/audiences                            administrator, analyst                                   -               read     503
            GET  /v1/audiences/{name}                     administrator, analyst                                   -               read     503
            GET  /v1/audiences/{name}/members             administrator, analyst                                   -               read     503
            GET  /v1/audiences/{name}/sizes               administrator, analyst                                   -               read     503
            GET  /v1/campaigns/{name}/audience            administrator                                            -               read     503
            GET  /v1/catalogue                            administrator, agent, analyst, auditor, customer         -               read     503
            GET  /v1/contracts                            administrator, auditor                                   -               read     503
            GET  /v1/contracts/{id}/actions               administrator, auditor                                   -               read     503
            GET  /v1/customers                            administrator, agent                                     -               read     503
            GET  /v1/customers/{id}/access-log            administrator, auditor, customer                         -               read     503
            GET  /v1/customers/{id}/audiences             administrator, agent                                     service         read     503
            GET  /v1/customers/{id}/consents              administrator, agent, customer                           service         read     503
            GET  /v1/customers/{id}/entries/{index}       administrator, auditor, customer                         -               read     503
            GET  /v1/customers/{id}/export                administrator, customer                                  transparency    read     503
            GET  /v1/customers/{id}/features              administrator, agent                                     personalisation read     503
            GET  /v1/customers/{id}/household             administrator, agent                                     service         read     503
            GET  /v1/customers/{id}/identity              administrator, agent                                     service         read     503
            GET  /v1/customers/{id}/next-best-action      administrator, agent                                     personalisation read     503
            GET  /v1/customers/{id}/organisation          administrator, agent                                     service         read     503
            GET  /v1/customers/{id}/propensities          administrator, agent                                     personalisation read     503
            GET  /v1/customers/{id}/relationships         administrator, agent                                     service         read     503
            GET  /v1/customers/{id}/requests              administrator, auditor, customer                         transparency    read     503
            GET  /v1/customers/{id}/requests/{entry}      administrator, auditor, customer                         transparency    read     503
            GET  /v1/customers/{id}/timeline              administrator, agent, customer                           service         read     503
            GET  /v1/customers/{id}/tokens                administrator, agent, customer                           service         read     503
            GET  /v1/dead-letters                         administrator, auditor                                   -               read     503
            GET  /v1/demand/{channel}                     administrator, analyst                                   -               read     503
            GET  /v1/destinations                         administrator                                            -               read     503
            GET  /v1/destinations/{id}                    administrator                                            -               read     503
            GET  /v1/destinations/{id}/dead-letters       administrator                                            -               read     503
            GET  /v1/health                               any role                                                 -               read     answers
            GET  /v1/health/live                          anyone                                                   -               read     answers
            GET  /v1/health/ready                         anyone                                                   -               read     503
            GET  /v1/identity/reviews                     administrator, agent                                     -               read     503
            GET  /v1/interactions/{entry}/ratings         administrator, agent                                     -               read     503
            GET  /v1/jobs                                 administrator                                            -               read     answers
            GET  /v1/jobs/{id}                            administrator                                            -               read     answers
            GET  /v1/ledger/checkpoint                    anyone                                                   -               read     answers
            GET  /v1/ledger/checkpoints                   administrator, auditor                                   -               read     answers
            GET  /v1/ledger/entries/{index}               administrator, auditor, node                             -               read     answers
            GET  /v1/ledger/key                           anyone                                                   -               read     answers
            GET  /v1/ledger/proofs/consistency            administrator, auditor, customer, node                   -               read     answers
            GET  /v1/ledger/proofs/inclusion              administrator, auditor, customer, node                   -               read     answers
            GET  /v1/ledger/tile/*                        administrator, auditor, node                             -               read     answers
            GET  /v1/me                                   administrator, agent, analyst, auditor, customer, node   -               read     503
            GET  /v1/models                               administrator, analyst                                   -               read     503
            GET  /v1/models/{name}                        administrator, analyst                                   -               read     503
            GET  /v1/models/{name}/monitoring             administrator, analyst                                   -               read     503
            GET  /v1/next-best-actions/uplift             administrator, analyst                                   -               read     503
            GET  /v1/notifications                        administrator, node                                      -               read     503
            GET  /v1/openapi.json                         any role                                                 -               read     answers
            GET  /v1/requests                             administrator, auditor                                   -               read     503
            GET  /v1/requests/{entry}                     administrator, auditor                                   -               read     503
            GET  /v1/requests/{entry}/proof               administrator, auditor                                   -               read     503
            GET  /v1/schemas/interaction-v1.json          any role                                                 -               read     answers
            GET  /v1/tasks                                administrator, agent                                     -               read     503
            GET  /v1/webhooks:intake                      administrator, auditor                                   -               read     503
            POST /v1/access-tokens                        administrator                                            -               refused  503
            POST /v1/access-tokens/{id}/revoke            administrator                                            -               refused  503
            POST /v1/analytics/funnel                     administrator, analyst                                   -               read     503
            POST /v1/analytics/paths                      administrator, analyst                                   -               read     503
            POST /v1/analytics/refresh                    administrator, analyst                                   -               read     503
            POST /v1/audiences                            administrator, analyst                                   -               refused  503
            POST /v1/audiences/{name}                     administrator, analyst                                   -               refused  503
            POST /v1/audiences/{name}/delete              administrator, analyst                                   -               refused  503
            POST /v1/batches                              administrator, node                                      -               ordered  503
            POST /v1/cloudevents                          administrator, node                                      -               refused  503
            POST /v1/contracts                            administrator                                            -               ordered  503
            POST /v1/contracts/{id}/{version}/{change}    administrator                                            -               ordered  503
            POST /v1/customers/{id}/consents              administrator, agent, customer                           -               ordered  503
            POST /v1/customers/{id}/erasure               administrator                                            -               ordered  503
            POST /v1/customers/{id}/next-best-action      administrator, agent                                     -               refused  503
            POST /v1/customers/{id}/redemptions           administrator, agent, customer                           -               ordered  503
            POST /v1/customers/{id}/requests              administrator, customer                                  -               ordered  503
            POST /v1/customers/{id}/unmerge               administrator, agent                                     -               ordered  503
            POST /v1/dead-letters/{id}/resubmit           administrator                                            -               refused  503
            POST /v1/destinations                         administrator                                            -               refused  503
            POST /v1/destinations/{id}/{change}           administrator                                            -               refused  503
            POST /v1/identity/reviews/{entry}/accept      administrator, agent                                     -               ordered  503
            POST /v1/identity/reviews/{entry}/reject      administrator, agent                                     -               ordered  503
            POST /v1/ingest/source                        administrator                                            -               refused  503
            POST /v1/interactions                         administrator, agent, node                               -               refused  503
            POST /v1/interactions:batch                   administrator, agent, node                               -               refused  503
            POST /v1/jobs                                 administrator                                            -               refused  answers
            POST /v1/models/{name}/train                  administrator                                            -               refused  503
            POST /v1/ratings                              administrator, agent, customer                           -               ordered  503
            POST /v1/recommendations/{entry}/outcome      administrator, agent                                     -               refused  503
            POST /v1/relationships                        administrator, agent                                     -               ordered  503
            POST /v1/relationships/{entry}/end            administrator, agent                                     -               ordered  503
            POST /v1/requests                             administrator                                            -               ordered  503
            POST /v1/requests/{entry}/closure             administrator                                            -               ordered  503
            POST /v1/requests/{entry}/extension           administrator                                            -               ordered  503
            POST /v1/requests/{entry}/fulfilment          administrator                                            -               ordered  503
            POST /v1/requests/{entry}/refusal             administrator                                            -               ordered  503
            POST /v1/requests/{entry}/verification        administrator                                            -               ordered  503
            POST /v1/segment/v1/{call}                    administrator, node                                      -               refused  503
            POST /v1/sentiment                            administrator, agent, analyst                            -               read     503
            POST /v1/tokens/expiry                        administrator                                            -               refused  503
            POST /v1/webhooks/{source}                    anyone                                                   -               refused  503
            """;

    static final String ROW = "%-4s %-40s %-56s %-15s %-8s %s";

    static String table() {
        return String.format(ROW, "", "route", "roles", "read purpose", "cluster", "replay") + "\n"
                + RouteTable.all().stream().map(r -> String.format(ROW, r.method(), r.path(), String.join(", ", new TreeSet<>(r.roles())),
                        r.purpose() == null ? "-" : r.purpose(), r.cluster().name().toLowerCase(), r.answersDuringReplay() ? "answers" : "503"))
                .sorted().collect(Collectors.joining("\n", "", "\n"));
    }

    /** A resource for the declarations below: its one handler answers nothing. */
    static final class Probe {
        void handle(Context ctx) {}
    }

    @Test
    void every_route_declares_the_rules_in_the_reviewed_table() {
        assertThat(table()).isEqualTo(REVIEWED);
    }

    @Test
    void the_access_rules_are_the_declared_roles_of_every_route() {
        assertThat(AccessPolicy.RULES).hasSize(RouteTable.all().size());
        for (Route<?> r : RouteTable.all()) assertThat(AccessPolicy.rolesFor(r.method(), r.path())).as(r.key()).isEqualTo(r.roles());
        assertThat(AccessPolicy.rolesFor("GET", "/v1/undeclared")).isNull();
    }

    @Test
    void a_route_that_declares_no_roles_is_refused_before_the_server_starts() {
        assertThatThrownBy(() -> Routes.of(Probe.class, r -> r.get("/v1/probe", Probe::handle)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("GET /v1/probe declares no roles");
    }

    @Test
    void a_purpose_is_declared_only_on_a_read_of_one_customers_data() {
        assertThatThrownBy(() -> Routes.of(Probe.class, r -> r.post("/v1/customers/{id}/probe", Probe::handle).roles(ADMINISTRATOR).purpose("service")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("POST /v1/customers/{id}/probe");
        assertThatThrownBy(() -> Routes.of(Probe.class, r -> r.get("/v1/probe", Probe::handle).roles(ADMINISTRATOR).purpose("service")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("{id}");
    }

    @Test
    void a_read_is_never_ordered_through_a_cluster() {
        assertThatThrownBy(() -> Routes.of(Probe.class, r -> r.get("/v1/probe", Probe::handle).roles(ADMINISTRATOR).clusterOrdered()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("GET /v1/probe");
    }

    @Test
    void a_write_is_refused_on_a_cluster_node_unless_it_declares_otherwise() {
        Route<Probe> write = Routes.of(Probe.class, r -> r.post("/v1/probe", Probe::handle).roles(ADMINISTRATOR)).all().get(0);
        assertThat(write.cluster()).isEqualTo(Route.InCluster.REFUSED);
    }

    @Test
    void a_route_declared_twice_is_refused_before_the_server_starts() {
        Routes<Probe> probe = Routes.of(Probe.class, r -> r.post("/v1/probe", Probe::handle).roles(ADMINISTRATOR));
        assertThatThrownBy(() -> RouteTable.index(List.of(probe, probe)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("POST /v1/probe is declared twice");
    }

    @Test
    void a_resource_the_server_has_no_instance_of_is_refused_before_it_starts() {
        assertThatThrownBy(() -> RouteTable.install(Javalin.create(), List.of()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("OperationsRoutes");
    }
}
