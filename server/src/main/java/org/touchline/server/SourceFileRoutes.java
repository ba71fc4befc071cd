package org.touchline.server;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.touchline.domain.Progress;
import org.touchline.ingest.MappingException;
import org.touchline.node.command.Ingestion;
import org.touchline.node.Node;
import org.touchline.node.LocalAdministrator;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.touchline.server.AccessPolicy.ADMINISTRATOR;

/**
 * A source file (CSV, JSON Lines, XML) streamed to the serving node with the path of its source mapping:
 * {@code touchline ingest --source MAPPING FILE} beside a node that owns the data directory. The node reads it
 * through the same {@link Ingestion#source} as a file on its own disk, as it arrives: refused records become dead
 * letters whose origin is the mapping (so a resubmission maps them again), and a file sent twice adds no duplicates
 * (idempotent on source and sourceRecordId). The mapping is a path on the node's machine, so only the local
 * administrator (the command line beside the node) may name one; every other client sends Interaction v1 NDJSON to
 * {@code POST /v1/interactions:batch}.
 */
final class SourceFileRoutes {
    static final String PATH = "/v1/ingest/source";
    static final Routes<SourceFileRoutes> ROUTES = Routes.of(SourceFileRoutes.class, r -> r.post(PATH, SourceFileRoutes::ingest).roles(ADMINISTRATOR));
    /** The body is the source file as it is on disk: bytes, read leniently (a record with bytes that are not UTF-8 is refused alone). */
    static final String BODY_TYPE = "application/octet-stream";
    private final Node node;
    private final LocalAdministrator local;

    SourceFileRoutes(Node node, LocalAdministrator local) {
        this.node = node;
        this.local = local;
    }

    private void ingest(Context ctx) throws IOException, MappingException {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || !local.accepts(header.substring(7).trim(), ctx.ip()))
            throw new Access.Refused(HttpStatus.FORBIDDEN, "a source mapping names a file on the node's machine: only `touchline ingest --source` "
                    + "beside the node may send one; send Interaction v1 NDJSON to POST /v1/interactions:batch instead");
        Path mapping = Path.of(required(ctx, "mapping"));
        if (!mapping.isAbsolute() || !Files.isReadable(mapping))
            throw new IllegalArgumentException("query parameter 'mapping': " + mapping + " is not an absolute path to a readable mapping file on the node's machine");
        String name = required(ctx, "name");
        long bytes = ctx.header("Content-Length") == null ? -1 : Long.parseLong(ctx.header("Content-Length"));
        Ingestion.Report r;
        try (InputStream in = ctx.req().getInputStream()) {
            r = node.ingestion().source(mapping, name, in, bytes, Progress.NONE);
        }
        ctx.json(ApiServer.F.objectNode().put("name", name).put("accepted", r.accepted()).put("duplicates", r.duplicates()).put("rejected", r.rejected()));
    }

    private static String required(Context ctx, String parameter) {
        String v = ctx.queryParam(parameter);
        if (v == null || v.isBlank()) throw new IllegalArgumentException("query parameter '" + parameter + "' is required");
        return v;
    }
}
