package org.touchline.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ReadinessProbeTest {
    private HttpServer server;
    private final ByteArrayOutputStream said = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(said, true, StandardCharsets.UTF_8);

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/ready", x -> answer(x, 200, "ready"));
        server.createContext("/stopped", x -> answer(x, 503, "writes stopped: the integrity check found damage at entry 42\nmore"));
        server.start();
    }

    @AfterEach
    void stop() { server.stop(0); }

    private static void answer(HttpExchange x, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        x.sendResponseHeaders(status, b.length);
        try (var o = x.getResponseBody()) { o.write(b); }
    }

    private URI at(String path) { return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path); }

    @Test
    void a_200_is_healthy_and_says_nothing() {
        assertThat(ReadinessProbe.check(at("/ready"), out)).isZero();
        assertThat(said.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void a_503_is_unhealthy_with_the_reason_the_node_gave() {
        assertThat(ReadinessProbe.check(at("/stopped"), out)).isEqualTo(1);
        assertThat(said.toString(StandardCharsets.UTF_8).strip())
                .endsWith("answered 503: writes stopped: the integrity check found damage at entry 42");
    }

    @Test
    void a_route_the_node_lacks_is_unhealthy() {
        assertThat(ReadinessProbe.check(at("/missing"), out)).isEqualTo(1);
        assertThat(said.toString(StandardCharsets.UTF_8)).contains("answered 404");
    }

    @Test
    void nobody_listening_is_unhealthy() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) { closed = s.getLocalPort(); }
        assertThat(ReadinessProbe.check(URI.create("http://127.0.0.1:" + closed + "/v1/health/ready"), out)).isEqualTo(1);
        assertThat(said.toString(StandardCharsets.UTF_8)).startsWith("not ready: http://127.0.0.1:" + closed);
    }
}
