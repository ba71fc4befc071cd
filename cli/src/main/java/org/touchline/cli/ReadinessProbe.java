package org.touchline.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The container's health check (deploy/compose.yaml): exit status 0 when the URL answers 200, 1 otherwise, with the
 * reason on one line. OCI images carry no health check, so the compose file runs this one. A main class of its own
 * that needs only the JDK, so the probe every few seconds starts a small JVM, not the whole command.
 */
public final class ReadinessProbe {
    static final String DEFAULT_URL = "http://127.0.0.1:8080/v1/health/ready";
    private static final int TIMEOUT_MILLIS = 3_000;

    private ReadinessProbe() {}

    public static void main(String[] args) {
        System.exit(check(URI.create(args.length > 0 ? args[0] : DEFAULT_URL), System.out));
    }

    /** 0 when {@code url} answers 200; 1, saying why, when it answers anything else or nothing. */
    static int check(URI url, PrintStream out) {
        try {
            HttpURLConnection c = (HttpURLConnection) url.toURL().openConnection();
            c.setConnectTimeout(TIMEOUT_MILLIS);
            c.setReadTimeout(TIMEOUT_MILLIS);
            int status = c.getResponseCode();
            String body = body(status < 400 ? c.getInputStream() : c.getErrorStream());
            c.disconnect();
            if (status == 200) return 0;
            out.println("not ready: " + url + " answered " + status + (body.isEmpty() ? "" : ": " + body));
        } catch (IOException | IllegalArgumentException e) {
            out.println("not ready: " + url + ": " + e.getMessage());
        }
        return 1;
    }

    /** The answer's first line, short: the reason the readiness route gives. */
    private static String body(InputStream in) throws IOException {
        if (in == null) return "";
        try (in) {
            String text = new String(in.readNBytes(512), StandardCharsets.UTF_8).strip();
            int eol = text.indexOf('\n');
            return eol < 0 ? text : text.substring(0, eol);
        }
    }
}
