package org.touchline.server;

import org.touchline.node.spi.ClusterRole;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.javalin.http.Context;
import org.touchline.node.Node;

import java.util.Base64;
import java.util.List;

import static org.touchline.server.AccessPolicy.ADMINISTRATOR;
import static org.touchline.server.AccessPolicy.AUDITOR;
import static org.touchline.server.AccessPolicy.CUSTOMER;
import static org.touchline.server.AccessPolicy.NODE;

/**
 * The ledger as a transparency log serves it: the signed checkpoint and the key that verifies it (public, C2SP
 * tlog-checkpoint and signed-note), its entries and tiles (C2SP tlog-tiles), and RFC 9162 inclusion and consistency
 * proofs (section 2.1.3 and 2.1.4). On a cluster node the checkpoint carries the peers' cosignatures.
 */
final class LedgerRoutes {
    static final Routes<LedgerRoutes> ROUTES = Routes.of(LedgerRoutes.class, r -> {
        r.get("/v1/ledger/checkpoint", LedgerRoutes::checkpoint).anyone().answersDuringReplay();
        r.get("/v1/ledger/key", (self, ctx) -> ctx.contentType("text/plain; charset=utf-8").result(self.node.identity().verifierKey() + "\n"))
                .anyone().answersDuringReplay();
        r.get("/v1/ledger/entries/{index}", (self, ctx) -> ctx.contentType("application/octet-stream")
                .result(self.node.reader().entry(Params.longParam(ctx.pathParam("index"), "index")))).roles(AUDITOR, ADMINISTRATOR, NODE).answersDuringReplay();
        r.get("/v1/ledger/tile/*", LedgerRoutes::tile).roles(AUDITOR, ADMINISTRATOR, NODE).answersDuringReplay();
        r.get("/v1/ledger/proofs/inclusion", LedgerRoutes::inclusion).roles(AUDITOR, ADMINISTRATOR, NODE, CUSTOMER).answersDuringReplay();
        r.get("/v1/ledger/proofs/consistency", LedgerRoutes::consistency).roles(AUDITOR, ADMINISTRATOR, NODE, CUSTOMER).answersDuringReplay();
    });

    private final Node node;
    private final ClusterRole cluster;

    LedgerRoutes(Node node, ClusterRole cluster) {
        this.node = node;
        this.cluster = cluster;
    }

    private void checkpoint(Context ctx) {
        ctx.contentType("text/plain; charset=utf-8").result(cluster != null ? cluster.checkpoint() : node.reader().checkpoint());
    }

    /** A full tile never changes and is cached for good; a partial one ({@code .p/}) grows, so it is not cached. */
    private void tile(Context ctx) {
        ctx.contentType("application/octet-stream")
                .header("Cache-Control", ctx.path().contains(".p/") ? "no-cache" : "public, max-age=31536000, immutable")
                .result(node.reader().tile(ctx.path().substring("/v1/ledger/".length())));
    }

    private void inclusion(Context ctx) {
        var proof = node.reader().inclusion(Params.longQuery(ctx, "index"), Params.longQuery(ctx, "treeSize"));
        ctx.json(ApiServer.F.objectNode().put("index", proof.leafIndex()).put("treeSize", proof.treeSize()).set("hashes", base64(proof.hashes())));
    }

    private void consistency(Context ctx) {
        var proof = node.reader().consistency(Params.longQuery(ctx, "from"), Params.longQuery(ctx, "to"));
        ctx.json(ApiServer.F.objectNode().put("from", proof.oldSize()).put("to", proof.newSize()).set("hashes", base64(proof.hashes())));
    }

    private static ArrayNode base64(List<byte[]> hashes) {
        ArrayNode a = ApiServer.F.arrayNode();
        for (byte[] h : hashes) a.add(Base64.getEncoder().encodeToString(h));
        return a;
    }
}
