package org.touchline.destinations;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookSigningException;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * An HTTP webhook signed per Standard Webhooks: each event is one {@code POST} of its JSON body with the headers
 * {@code webhook-id}, {@code webhook-timestamp} (seconds, the time of this attempt) and {@code webhook-signature}
 * ({@code v1,} and base64 of HMAC-SHA256 under the secret of {@code id.timestamp.body}). Any 2xx answer is taken; any
 * other answer, a refused connection or no answer within the timeout is a failure, tried again later. A batch's
 * events are sent side by side, so one slow answer does not hold back the rest.
 */
final class WebhookSink implements Sink {
    /** What a failure keeps of the receiver's answer. */
    private static final int ANSWER_CHARS = 200;
    private final URI url;
    private final Webhook signer;
    private final HttpClient http;
    private final Duration timeout;
    private final Clock clock;

    WebhookSink(URI url, String secret, Duration timeout, Clock clock) {
        this.url = url;
        this.signer = new Webhook(secret);
        this.timeout = timeout;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public List<String> send(List<OutboundEvent> events) {
        List<CompletableFuture<String>> answers = new ArrayList<>(events.size());
        for (OutboundEvent e : events) answers.add(post(e));
        List<String> out = new ArrayList<>(events.size());
        for (CompletableFuture<String> a : answers) out.add(a.join());
        return out;
    }

    private CompletableFuture<String> post(OutboundEvent e) {
        long timestamp = clock.instant().getEpochSecond();
        String signature;
        try {
            signature = signer.sign(e.id(), timestamp, e.body());
        } catch (WebhookSigningException x) {
            return CompletableFuture.completedFuture("cannot sign: " + x.getMessage());
        }
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "Touchline-Webhooks/1")
                .header("webhook-id", e.id())
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(e.body(), StandardCharsets.UTF_8)).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).handle((r, x) -> {
            if (x != null) {
                Throwable cause = x.getCause() != null ? x.getCause() : x;
                if (cause instanceof HttpTimeoutException) return "no answer within " + timeout.toMillis() + " ms";
                return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
            }
            if (r.statusCode() / 100 == 2) return null;
            String said = r.body() == null ? "" : r.body().strip();
            return "answered " + r.statusCode() + (said.isEmpty() ? "" : ": " + said.substring(0, Math.min(ANSWER_CHARS, said.length())));
        });
    }

    @Override
    public boolean ordered() { return false; }

    @Override
    public void close() {
        // HttpClient's threads end with it once unreachable (Java 21 adds close()).
    }
}
