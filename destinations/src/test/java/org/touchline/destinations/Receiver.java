package org.touchline.destinations;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;

/**
 * A webhook receiver on loopback, as a customer's system would run one: it checks each call's signature with the
 * Standard Webhooks algorithm written out here (not the sender's library), and answers as the test tells it: taken,
 * a failure, or no answer in time.
 */
final class Receiver implements AutoCloseable {
    /** How the receiver answers a call: 204, 500, or after {@code delayMillis} (past the sender's timeout). */
    enum Answer { TAKE, FAIL, STALL }

    interface Behaviour {
        Answer answer(int call);
    }

    record Call(String id, String timestamp, String signature, String body, boolean signatureValid, long receivedNanos) {}

    private final HttpServer server;
    private final List<Call> taken = Collections.synchronizedList(new ArrayList<>());
    private final List<Call> all = Collections.synchronizedList(new ArrayList<>());
    private volatile Behaviour behaviour = call -> Answer.TAKE;
    private volatile long delayMillis = 3000;
    private int calls;

    /** A receiver on a free loopback port; its secret comes from the subscription made for it ({@link #secret}). */
    Receiver() throws IOException {
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/hook", this::handle);
        server.start();
    }

    private volatile byte[] secretKey;

    void secret(String secret) { secretKey = Base64.getDecoder().decode(secret.substring("whsec_".length())); }

    String url() { return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook"; }

    void behave(Behaviour b) { behaviour = b; }

    void stallFor(long millis) { delayMillis = millis; }

    private void handle(HttpExchange x) throws IOException {
        long now = System.nanoTime();
        String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String id = x.getRequestHeaders().getFirst("webhook-id"), ts = x.getRequestHeaders().getFirst("webhook-timestamp");
        String signature = x.getRequestHeaders().getFirst("webhook-signature");
        Call call = new Call(id, ts, signature, body, valid(id, ts, body, signature), now);
        int n;
        synchronized (this) {
            n = ++calls;
        }
        all.add(call);
        Answer a = behaviour.answer(n);
        if (a == Answer.STALL) {
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (a == Answer.TAKE) taken.add(call);
        x.sendResponseHeaders(a == Answer.TAKE ? 204 : 500, -1);
        x.close();
    }

    /** Standard Webhooks, "Verifying": HMAC-SHA256 of {@code id.timestamp.body} under the secret, base64, after {@code v1,}. */
    private boolean valid(String id, String timestamp, String body, String signatures) {
        if (id == null || timestamp == null || signatures == null || secretKey == null) return false;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secretKey, "HmacSHA256"));
            byte[] expected = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            for (String s : signatures.split(" ")) {
                if (s.startsWith("v1,") && MessageDigest.isEqual(expected, Base64.getDecoder().decode(s.substring(3)))) return true;
            }
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Calls answered with 2xx, in the order received. */
    List<Call> taken() {
        synchronized (taken) {
            return List.copyOf(taken);
        }
    }

    List<Call> calls() {
        synchronized (all) {
            return List.copyOf(all);
        }
    }

    /** The taken calls by event id, the first of each. */
    Map<String, Call> takenById() {
        Map<String, Call> out = new LinkedHashMap<>();
        for (Call c : taken()) out.putIfAbsent(c.id(), c);
        return out;
    }

    static Behaviour failing(double share, long seed) {
        Random r = new Random(seed);
        return call -> {
            synchronized (r) {
                return r.nextDouble() < share ? Answer.FAIL : Answer.TAKE;
            }
        };
    }

    @Override
    public void close() { server.stop(0); }
}
