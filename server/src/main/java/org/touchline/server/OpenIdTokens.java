package org.touchline.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.RemoteKeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import org.touchline.node.AccessTokens;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Bearer tokens from the company's own identity provider (docs/security.md, "Access"): OpenID Connect access or ID tokens, signed
 * JWTs validated by Nimbus JOSE+JWT against the provider's published keys. Configured by {@value #FILE} in the data
 * directory; a node without that file accepts only its own {@code tl_} tokens.
 * <p>
 * What is checked (RFC 8725 "JWT Best Current Practices"; RFC 9068 for access tokens): an asymmetric algorithm from an
 * allow-list (never {@code none}, never HMAC keyed with a public key), the signature against the provider's JWK set
 * (fetched from its discovery document, OpenID Connect Discovery 1.0 §4, cached and re-fetched when a new key id
 * appears), {@code typ} JWT or at+jwt when present, {@code iss} equal to the configured issuer, the configured audience
 * in {@code aud}, {@code exp} in the future and {@code nbf} in the past (60 s clock skew), and a {@code sub}.
 * The token's role comes from a claim the company chooses (a string or a list, a dotted path such as
 * {@code realm_access.roles} for Keycloak), mapped to Touchline's roles.
 */
final class OpenIdTokens {
    static final String FILE = "openid.yaml";
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512);

    /**
     * The provider and how its claims map to Touchline: {@code roles} maps a value of {@code roleClaim} to a Touchline
     * role (the first value the token carries, in this map's order, decides); without a map the claim must hold
     * Touchline role names.
     */
    record Config(String issuer, URI jwksUri, String audience, String roleClaim, String channelClaim, String customerClaim,
                  Map<String, String> roles) {
        Config {
            if (issuer == null || issuer.isBlank()) throw new IllegalArgumentException(FILE + ": field 'issuer': the identity provider's issuer URL is required");
            if (audience == null || audience.isBlank())
                throw new IllegalArgumentException(FILE + ": field 'audience': required (the audience your provider puts in tokens for Touchline)");
            if (roleClaim == null || roleClaim.isBlank()) roleClaim = "touchline_role";
            if (channelClaim == null || channelClaim.isBlank()) channelClaim = "touchline_channel";
            if (customerClaim == null || customerClaim.isBlank()) customerClaim = "touchline_customer";
            for (var e : roles.entrySet())
                if (!AccessTokens.ROLES.contains(e.getValue()))
                    throw new IllegalArgumentException(FILE + ": field 'roles." + e.getKey() + "': '" + e.getValue() + "' is not one of " + AccessTokens.ROLES);
            roles = Map.copyOf(roles);
        }
    }

    /** The token was not accepted; the message says why in words an operator can act on. */
    static final class Rejected extends RuntimeException {
        Rejected(String message) { super(message); }
    }

    private final Config config;
    private volatile ConfigurableJWTProcessor<SecurityContext> processor;

    OpenIdTokens(Config config) { this.config = config; }

    /** The node's provider, if {@value #FILE} is in its data directory; a malformed file stops the server from starting. */
    static Optional<OpenIdTokens> in(Path dataDir) {
        Path f = dataDir.resolve(FILE);
        if (!Files.exists(f)) return Optional.empty();
        try {
            return Optional.of(new OpenIdTokens(parse(Files.readString(f))));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + f + ": " + e.getMessage(), e);
        }
    }

    static Config parse(String yaml) throws IOException {
        JsonNode n = new YAMLMapper().readTree(yaml);
        if (n == null || !n.isObject()) throw new IllegalArgumentException(FILE + ": expected a mapping with issuer, audience and the claims to read");
        Map<String, String> roles = new LinkedHashMap<>();
        n.path("roles").fields().forEachRemaining(e -> roles.put(e.getKey(), e.getValue().asText()));
        return new Config(text(n, "issuer"), n.hasNonNull("jwksUri") ? URI.create(n.get("jwksUri").asText()) : null, text(n, "audience"),
                text(n, "roleClaim"), text(n, "channelClaim"), text(n, "customerClaim"), roles);
    }

    private static String text(JsonNode n, String field) { return n.hasNonNull(field) ? n.get(field).asText() : null; }

    /** A presented token looks like a JWT (three base64url parts) rather than one of the node's own {@code tl_} tokens. */
    static boolean looksLikeJwt(String token) { return token.chars().filter(c -> c == '.').count() == 2; }

    /** Who the token speaks for, or {@link Rejected} with the reason. */
    AccessTokens.Principal principal(String jwt) {
        JWTClaimsSet claims;
        try {
            claims = processor().process(jwt, null);
        } catch (BadJWTException e) {
            throw new Rejected("the bearer token is not accepted: " + readable(e.getMessage()));
        } catch (ParseException e) {
            throw new Rejected("the bearer token is not a well-formed JWT: " + e.getMessage());
        } catch (BadJOSEException e) {
            throw new Rejected("the bearer token is not accepted: " + readable(e.getMessage()));
        } catch (RemoteKeySourceException e) {
            throw new Rejected("the identity provider's keys cannot be fetched from " + jwksUri() + ": " + e.getMessage());
        } catch (JOSEException e) {
            throw new Rejected("the bearer token's signature cannot be checked: " + e.getMessage());
        }
        String role = role(claims);
        String name = claims.getClaim("preferred_username") instanceof String u ? u : claims.getSubject();
        Instant issued = claims.getIssueTime() == null ? Instant.EPOCH : claims.getIssueTime().toInstant();
        String channel = string(claims, config.channelClaim()), customer = string(claims, config.customerClaim());
        if (role.equals("agent") && channel == null) throw new Rejected("the token gives role agent but no channel in claim '" + config.channelClaim() + "'");
        if (role.equals("customer") && customer == null) throw new Rejected("the token gives role customer but no customer id in claim '" + config.customerClaim() + "'");
        return new AccessTokens.Principal("oidc:" + claims.getSubject(), name, role, channel, customer, issued, false);
    }

    private String role(JWTClaimsSet claims) {
        List<String> values = new ArrayList<>();
        Object v = claim(claims, config.roleClaim());
        if (v instanceof String s) values.add(s);
        else if (v instanceof List<?> l) l.forEach(x -> values.add(String.valueOf(x)));
        if (config.roles().isEmpty()) {
            for (String r : AccessTokens.ROLES) if (values.contains(r)) return r;
        } else {
            // The configured order decides when a token carries several groups.
            for (var e : new LinkedHashMap<>(config.roles()).entrySet()) if (values.contains(e.getKey())) return e.getValue();
        }
        throw new Rejected("the token carries no Touchline role in claim '" + config.roleClaim() + "' (it has " + values + ")");
    }

    /** A claim by dotted path ({@code realm_access.roles}): providers nest their role lists. */
    private static Object claim(JWTClaimsSet claims, String path) {
        Object v = claims.getClaims();
        for (String part : path.split("\\.")) {
            if (!(v instanceof Map<?, ?> m)) return null;
            v = m.get(part);
        }
        return v;
    }

    private static String string(JWTClaimsSet claims, String path) {
        Object v = claim(claims, path);
        return v instanceof String s && !s.isBlank() ? s : null;
    }

    /** Nimbus's messages name the check; say it the way an operator reads it. */
    private static String readable(String m) {
        if (m == null) return "rejected";
        if (m.contains("missing required claims")) return "it lacks a required claim (sub, exp)";
        if (m.contains("Expired")) return "it has expired";
        if (m.contains("before use time")) return "it is not valid yet (nbf)";
        if (m.contains("aud claim") || m.contains("audience")) return "it is not meant for this node (aud is not the configured audience)";
        if (m.contains("iss claim")) return "it was issued by another issuer than the configured one";
        if (m.contains("no matching key")) return "its signing algorithm is not accepted or its key is not one of the identity provider's";
        if (m.contains("Invalid signature")) return "its signature does not verify with the identity provider's key";
        if (m.contains("typ")) return "its type (typ) is neither JWT nor at+jwt";
        if (m.contains("Unsecured")) return "it is not signed";
        return m;
    }

    private ConfigurableJWTProcessor<SecurityContext> processor() {
        ConfigurableJWTProcessor<SecurityContext> p = processor;
        if (p != null) return p;
        synchronized (this) {
            if (processor != null) return processor;
            URL keys;
            try {
                keys = jwksUri().toURL();
            } catch (MalformedURLException e) {
                throw new Rejected("the identity provider's key URL " + jwksUri() + " is not a URL");
            }
            JWKSource<SecurityContext> source = JWKSourceBuilder.<SecurityContext>create(keys, new DefaultResourceRetriever(2000, 2000, 512 * 1024))
                    .retrying(true).build();
            DefaultJWTProcessor<SecurityContext> d = new DefaultJWTProcessor<>();
            d.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null));
            d.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, source));
            d.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(config.audience(),
                    new JWTClaimsSet.Builder().issuer(config.issuer()).build(), Set.of("sub", "exp")));
            processor = d;
            return d;
        }
    }

    private volatile URI discovered;

    /** The configured key URL, or the one in the provider's discovery document (whose issuer must be the configured one, §4.3). */
    private URI jwksUri() {
        if (config.jwksUri() != null) return config.jwksUri();
        if (discovered != null) return discovered;
        String base = config.issuer().endsWith("/") ? config.issuer().substring(0, config.issuer().length() - 1) : config.issuer();
        URI doc = URI.create(base + "/.well-known/openid-configuration");
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(doc).timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) throw new Rejected("the identity provider's discovery document " + doc + " answered HTTP " + r.statusCode());
            JsonNode d = ApiServer.JSON.readTree(r.body());
            if (!config.issuer().equals(d.path("issuer").asText()))
                throw new Rejected("the discovery document at " + doc + " names issuer '" + d.path("issuer").asText() + "', not '" + config.issuer() + "'");
            if (!d.hasNonNull("jwks_uri")) throw new Rejected("the discovery document at " + doc + " has no jwks_uri");
            discovered = URI.create(d.get("jwks_uri").asText());
            return discovered;
        } catch (IOException e) {
            throw new Rejected("the identity provider cannot be reached at " + doc + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Rejected("interrupted while reading " + doc);
        }
    }
}
