package org.touchline.server;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.touchline.domain.Identifier;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OpenID Connect bearer tokens (docs/security.md, "Access") against a real identity provider's endpoints on loopback: a discovery
 * document and a JWK set served over HTTP, tokens signed with its RSA key, and a Touchline node configured by
 * {@code openid.yaml} to trust it.
 */
class OpenIdTokensTest {
    static final String AUDIENCE = "touchline-api";
    static HttpServer provider;
    static String issuer;
    static RSAKey key, otherKey;
    static volatile JWKSet published;
    static ServerFixture f;
    static String ann, bob;

    @BeforeAll
    static void providerAndNode() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("k1").generate();
        otherKey = new RSAKeyGenerator(2048).keyID("k2").generate();
        published = new JWKSet(key.toPublicJWK());
        provider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        issuer = "http://127.0.0.1:" + provider.getAddress().getPort() + "/realms/acme";
        provider.createContext("/realms/acme/.well-known/openid-configuration", x -> answer(x,
                "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + issuer + "/protocol/openid-connect/certs\"}"));
        provider.createContext("/realms/acme/protocol/openid-connect/certs", x -> answer(x, published.toString()));
        provider.start();

        Path dir = Files.createTempDirectory("touchline-oidc");
        Files.writeString(dir.resolve(OpenIdTokens.FILE), """
                issuer: %s
                audience: %s
                roleClaim: realm_access.roles
                roles:
                  touchline-admins: administrator
                  contact-centre: agent
                  analysts: analyst
                  customers: customer
                channelClaim: touchline_channel
                customerClaim: touchline_customer
                """.formatted(issuer, AUDIENCE));
        f = ServerFixture.newlyServed(dir);
        f.node.ingestion().one(RolesTest.record("1", "web", "ann@example.com"), "test");
        f.node.ingestion().one(RolesTest.record("2", "web", "bob@example.com"), "test");
        ann = f.node.customers().findByIdentifier(new Identifier("email", "ann@example.com")).orElseThrow();
        bob = f.node.customers().findByIdentifier(new Identifier("email", "bob@example.com")).orElseThrow();
    }

    static void answer(HttpExchange x, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(200, b.length);
        x.getResponseBody().write(b);
        x.close();
    }

    @AfterAll
    static void close() throws Exception {
        f.close();
        provider.stop(0);
    }

    static String token(RSAKey with, Consumer<JWTClaimsSet.Builder> claims) throws Exception {
        JWTClaimsSet.Builder b = new JWTClaimsSet.Builder().issuer(issuer).audience(AUDIENCE).subject("user-1")
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(300)))
                .claim("preferred_username", "alice");
        claims.accept(b);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(with.getKeyID()).type(JOSEObjectType.JWT).build(), b.build());
        jwt.sign(new RSASSASigner(with));
        return jwt.serialize();
    }

    static Consumer<JWTClaimsSet.Builder> roles(String... groups) {
        return b -> b.claim("realm_access", Map.of("roles", List.of(groups)));
    }

    static HttpResponse<String> get(String path, String bearer) {
        return f.send(HttpRequest.newBuilder(URI.create(f.base + path)).header("Authorization", "Bearer " + bearer).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void a_node_with_an_identity_provider_is_not_open_even_before_any_token_is_granted() throws Exception {
        assertThat(f.server.awaitingFirstToken()).isFalse();
        assertThat(get("/v1/health", token(key, roles("analysts"))).body()).contains("OpenID Connect");
        assertThat(f.send(HttpRequest.newBuilder(URI.create(f.base + "/v1/customers/" + ann + "/timeline")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
    }

    @Test
    void the_providers_group_maps_to_a_touchline_role() throws Exception {
        String admin = token(key, roles("offline_access", "touchline-admins"));
        assertThat(get("/v1/access-tokens", admin).statusCode()).isEqualTo(200);
        String analyst = token(key, roles("analysts"));
        HttpResponse<String> r = get("/v1/customers/" + ann + "/timeline", analyst);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("a token of role analyst may not call");
    }

    @Test
    void an_agent_token_needs_its_channel_claim() throws Exception {
        HttpResponse<String> r = get("/v1/customers/" + ann + "/timeline", token(key, roles("contact-centre")));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("no channel in claim 'touchline_channel'");
        String agent = token(key, roles("contact-centre").andThen(b -> b.claim("touchline_channel", "call_centre")));
        assertThat(get("/v1/customers/" + ann + "/timeline", agent).statusCode()).isEqualTo(200);
    }

    @Test
    void a_customer_from_the_provider_reads_only_their_own_data() throws Exception {
        String annsToken = token(key, roles("customers").andThen(b -> b.subject("ann").claim("touchline_customer", ann)));
        assertThat(get("/v1/customers/" + ann + "/timeline", annsToken).statusCode()).isEqualTo(200);
        HttpResponse<String> r = get("/v1/customers/" + bob + "/timeline", annsToken);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("only see their own");
    }

    @Test
    void an_expired_token_is_refused_saying_so() throws Exception {
        String t = token(key, roles("touchline-admins").andThen(b -> b.expirationTime(Date.from(Instant.now().minusSeconds(3600)))));
        HttpResponse<String> r = get("/v1/access-tokens", t);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("expired");
        assertThat(r.headers().firstValue("WWW-Authenticate").orElse("")).contains("invalid_token");
    }

    @Test
    void a_token_for_another_audience_is_refused() throws Exception {
        HttpResponse<String> r = get("/v1/access-tokens", token(key, roles("touchline-admins").andThen(b -> b.audience("another-api"))));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("not meant for this node");
    }

    @Test
    void a_token_from_another_issuer_is_refused() throws Exception {
        HttpResponse<String> r = get("/v1/access-tokens", token(key, roles("touchline-admins").andThen(b -> b.issuer("https://evil.example"))));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("another issuer");
    }

    @Test
    void a_token_signed_by_a_key_the_provider_does_not_publish_is_refused() throws Exception {
        RSAKey impostor = new RSAKeyGenerator(2048).keyID("k1").generate();   // same key id, different key
        HttpResponse<String> r = get("/v1/access-tokens", token(impostor, roles("touchline-admins")));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("signature does not verify");
    }

    @Test
    void an_unsigned_or_hmac_token_is_refused() throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer).audience(AUDIENCE).subject("x")
                .expirationTime(Date.from(Instant.now().plusSeconds(300))).claim("realm_access", Map.of("roles", List.of("touchline-admins"))).build();
        assertThat(get("/v1/access-tokens", new PlainJWT(claims).serialize()).statusCode()).isEqualTo(401);
        // HS256 keyed with the provider's public key: the classic algorithm-confusion attack.
        SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("k1").build(), claims);
        hmac.sign(new MACSigner(key.toPublicJWK().toRSAPublicKey().getEncoded()));
        HttpResponse<String> r = get("/v1/access-tokens", hmac.serialize());
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("not accepted");
    }

    @Test
    void a_rotated_key_is_fetched_when_a_token_names_it() throws Exception {
        published = new JWKSet(List.of(key.toPublicJWK(), otherKey.toPublicJWK()));
        String t = token(otherKey, roles("touchline-admins"));
        assertThat(get("/v1/access-tokens", t).statusCode()).isEqualTo(200);
    }

    @Test
    void a_token_without_a_touchline_role_is_refused_naming_the_claim() throws Exception {
        HttpResponse<String> r = get("/v1/access-tokens", token(key, roles("offline_access")));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("no Touchline role in claim 'realm_access.roles'");
    }

    @Test
    void the_example_configuration_in_the_repository_is_valid() throws Exception {
        OpenIdTokens.Config c = OpenIdTokens.parse(Files.readString(Path.of("../examples/openid.yaml")));
        assertThat(c.roleClaim()).isEqualTo("realm_access.roles");
        assertThat(c.roles()).containsEntry("contact-centre", "agent").hasSize(6);
    }

    @Test
    void a_malformed_configuration_names_the_field() {
        Assertions.assertThatThrownBy(() -> OpenIdTokens.parse("issuer: https://id.example\nroles:\n  staff: boss\naudience: a\n"))
                .hasMessageContaining("roles.staff").hasMessageContaining("not one of");
        Assertions.assertThatThrownBy(() -> OpenIdTokens.parse("issuer: https://id.example\n"))
                .hasMessageContaining("field 'audience'");
    }
}
