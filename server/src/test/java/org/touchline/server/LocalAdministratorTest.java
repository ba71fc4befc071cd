package org.touchline.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.touchline.node.AccessTokens;
import org.touchline.node.LocalAdministrator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * While a node serves, the command line on its machine reaches it with the credential it left in its data directory:
 * an administrator's, from loopback only, gone when the node stops. An administrator is never locked out of a node.
 */
class LocalAdministratorTest {
    @TempDir Path dir;
    private ServerFixture f;

    @BeforeEach
    void closedNode() throws Exception {
        new AccessTokens(dir).grant("agent", "agent-7", "call_centre", null);   // the node answers only with a token now
        f = new ServerFixture(dir);
    }

    @AfterEach
    void stop() {
        if (f != null) f.close();
    }

    private int status(String bearer) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(f.base + "/v1/access-tokens")).GET();
        if (bearer != null) b.header("Authorization", "Bearer " + bearer);
        return f.http.send(b.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void the_serving_node_names_its_address_and_credential_in_its_data_directory() {
        var serving = LocalAdministrator.find(dir).orElseThrow();
        assertThat(serving.url()).isEqualTo(f.base);
        assertThat(serving.pid()).isEqualTo(ProcessHandle.current().pid());
    }

    @Test
    void its_credential_is_an_administrators_on_a_closed_node() throws Exception {
        assertThat(status(null)).isEqualTo(401);
        assertThat(status("tl_local_not-the-credential")).isEqualTo(401);
        assertThat(status(LocalAdministrator.find(dir).orElseThrow().credential())).isEqualTo(200);
    }

    @Test
    void it_is_accepted_from_this_machine_only() throws Exception {
        LocalAdministrator local = LocalAdministrator.create();
        assertThat(local.accepts(credentialOf(local), "127.0.0.1")).isTrue();
        assertThat(local.accepts(credentialOf(local), "::1")).isTrue();
        assertThat(local.accepts(credentialOf(local), "192.0.2.10")).isFalse();
    }

    @Test
    void it_is_gone_when_the_node_stops() {
        f.close();
        f = null;
        assertThat(LocalAdministrator.find(dir)).isEmpty();
        assertThat(dir.resolve(LocalAdministrator.FILE)).doesNotExist();
    }

    private String credentialOf(LocalAdministrator local) throws IOException {
        Files.createDirectories(dir.resolve("other"));
        local.publish(dir.resolve("other"), "127.0.0.1", 1);
        return LocalAdministrator.find(dir.resolve("other")).orElseThrow().credential();
    }
}
