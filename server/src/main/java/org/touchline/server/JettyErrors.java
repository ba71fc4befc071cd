package org.touchline.server;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.handler.ErrorHandler;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Requests Jetty refuses before any route sees them (a request line it cannot read, such as {@code %00} in the path,
 * or an oversized header) answered in the API's own error shape instead of Jetty's HTML page.
 */
final class JettyErrors extends ErrorHandler {
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        String why = reason == null || reason.isBlank() ? "the request cannot be read" : reason;
        String body = ApiServer.F.objectNode().put("error", "the request was refused before reaching the API: " + why
                + " (check the path for control characters such as %00, and the size of the headers)").put("status", status).toString();
        return ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8));
    }
}
