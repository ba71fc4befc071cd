package org.touchline.server;

import org.touchline.node.spi.ClusterRole;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.touchline.contracts.ContractException;
import org.touchline.domain.store.StoreFullException;
import org.touchline.domain.store.WritesStoppedException;
import org.touchline.ingest.MappingException;
import org.touchline.ingest.events.BadEventRequest;
import org.touchline.ingest.events.WebhookPayloads;
import org.touchline.ingest.TooManyLinesException;
import org.touchline.ledger.ProofException;
import org.touchline.node.Intelligence;
import org.touchline.node.NotPermitted;
import org.touchline.node.SignedBatches;

import java.util.NoSuchElementException;
import java.util.Set;

/**
 * How the API answers what went wrong: each failure a handler throws becomes a 4xx naming the problem, in the one JSON
 * shape {@code {"error": ..., "status": ...}}; anything unexpected is logged here and answered with a 500 that carries
 * no stack trace. Also the answers no handler wrote: 404, 405 with the methods the path has (RFC 9110 §15.5.6), 413.
 */
final class ErrorAnswers {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    /** Request attribute set once a handler has written a JSON error, so the error pages leave it alone. */
    private static final String ERROR_WRITTEN = "touchline.errorWritten";

    private ErrorAnswers() {}

    static void write(Context ctx, HttpStatus status, String message) {
        ctx.attribute(ERROR_WRITTEN, Boolean.TRUE);
        ctx.status(status).json(ApiServer.F.objectNode().put("error", message).put("status", status.getCode()));
    }

    static void install(Javalin app) {
        app.exception(TooManyLinesException.class, (e, ctx) -> write(ctx, HttpStatus.CONTENT_TOO_LARGE, e.getMessage()));
        app.exception(Access.Refused.class, (e, ctx) -> write(ctx, e.status, e.getMessage()));
        app.exception(NotPermitted.class, (e, ctx) -> write(ctx, HttpStatus.FORBIDDEN, e.getMessage()));
        app.exception(Intelligence.ConsentRequired.class, (e, ctx) -> write(ctx, HttpStatus.FORBIDDEN, e.getMessage()));
        app.exception(ClusterRole.NotYetApplied.class, (e, ctx) -> ctx.status(HttpStatus.ACCEPTED)
                .json(ApiServer.F.objectNode().put("offset", e.offset).put("status", "ordered: not yet applied on this node")));
        app.exception(ClusterRole.Unavailable.class, (e, ctx) -> write(ctx.header("Retry-After", "5"), HttpStatus.SERVICE_UNAVAILABLE, e.getMessage()));
        app.exception(SignedBatches.Refused.class, (e, ctx) -> write(ctx, switch (e.reason) {
            case "unknown-key", "revoked-key" -> HttpStatus.FORBIDDEN;
            case "replayed" -> HttpStatus.CONFLICT;
            default -> HttpStatus.BAD_REQUEST;
        }, e.getMessage()));
        app.exception(BadEventRequest.class, (e, ctx) -> write(ctx, HttpStatus.BAD_REQUEST, e.getMessage()));
        app.exception(WebhookPayloads.Unsigned.class, (e, ctx) -> write(ctx, HttpStatus.UNAUTHORIZED, e.getMessage()));
        app.exception(NoSuchElementException.class, (e, ctx) -> write(ctx, HttpStatus.NOT_FOUND, e.getMessage()));
        app.exception(IllegalArgumentException.class, (e, ctx) -> write(ctx, HttpStatus.BAD_REQUEST, e.getMessage()));
        app.exception(ProofException.class, (e, ctx) -> write(ctx, HttpStatus.BAD_REQUEST, e.getMessage()));
        app.exception(MappingException.class, (e, ctx) -> write(ctx, HttpStatus.CONFLICT, e.getMessage()));
        app.exception(IllegalStateException.class, (e, ctx) -> write(ctx, HttpStatus.CONFLICT, e.getMessage()));
        app.exception(ContractException.class, (e, ctx) -> write(ctx, HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage()));
        app.exception(JsonProcessingException.class, (e, ctx) -> write(ctx, HttpStatus.BAD_REQUEST, "body is not valid JSON: " + e.getOriginalMessage()));
        app.exception(DestinationRoutes.Unavailable.class, (e, ctx) -> write(ctx, HttpStatus.SERVICE_UNAVAILABLE, e.getMessage()));
        app.exception(WritesStoppedException.class, (e, ctx) -> write(ctx, HttpStatus.SERVICE_UNAVAILABLE, e.getMessage()));
        app.exception(StoreFullException.class, (e, ctx) -> write(ctx.header("Retry-After", "60"), HttpStatus.INSUFFICIENT_STORAGE, e.getMessage()));
        app.exception(Exception.class, (e, ctx) -> {
            // The route template, not the path: a path can hold a customer's id or an email (docs/operations.md, "Logs").
            LOG.error("{} {} failed", ctx.method(), ctx.<String>attribute(Access.ROUTE), e);
            write(ctx, HttpStatus.INTERNAL_SERVER_ERROR, "internal error; the node's log has the details");
        });
        // Error pages only for answers no handler wrote (else they would replace, e.g., a batch's "too many lines").
        app.error(HttpStatus.NOT_FOUND, ctx -> {
            if (ctx.attribute(ERROR_WRITTEN) != null) return;
            // A path the API has, asked with a method it does not answer there: 405 naming the methods it does.
            var allowed = ctx.path().startsWith("/v1/") ? AccessPolicy.methodsOn(ctx.path()) : Set.<String>of();
            if (!allowed.isEmpty() && !allowed.contains(ctx.method().name())) {
                ctx.header("Allow", String.join(", ", allowed));
                write(ctx, HttpStatus.METHOD_NOT_ALLOWED, ctx.method() + " is not answered on " + ctx.path() + ": use " + String.join(", ", allowed));
                return;
            }
            write(ctx, HttpStatus.NOT_FOUND, "no such resource: " + ctx.path());
        });
        app.error(HttpStatus.CONTENT_TOO_LARGE, ctx -> {
            if (ctx.attribute(ERROR_WRITTEN) == null) write(ctx, HttpStatus.CONTENT_TOO_LARGE, "request body is larger than 32 MiB");
        });
    }
}
