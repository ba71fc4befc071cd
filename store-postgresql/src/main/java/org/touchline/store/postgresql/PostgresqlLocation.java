package org.touchline.store.postgresql;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Where a PostgreSQL store lives: a JDBC URL without credentials, the user and the password. Parsed from what a person
 * types: {@code postgresql://host:port/db?user=u&password=p} (libpq's URI form, {@code user:password@host} too) or
 * {@code jdbc:postgresql://host:port/db?...}. A password not in the URL comes from {@value #PASSWORD_ENV}.
 */
public record PostgresqlLocation(String jdbcUrl, String user, String password) {
    public static final String PASSWORD_ENV = "TOUCHLINE_PG_PASSWORD";

    public PostgresqlLocation {
        if (!jdbcUrl.startsWith("jdbc:postgresql://")) throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + jdbcUrl);
    }

    /** Whether {@code text} names a PostgreSQL store rather than, say, a SQLite file. */
    public static boolean isPostgresql(String text) {
        return text.startsWith("postgresql://") || text.startsWith("postgres://") || text.startsWith("jdbc:postgresql://");
    }

    public static PostgresqlLocation parse(String text) { return parse(text, System::getenv); }

    /** As {@link #parse(String)}, reading the environment through {@code env} (tests give their own). */
    public static PostgresqlLocation parse(String text, Function<String, String> env) {
        if (!isPostgresql(text))
            throw new IllegalArgumentException("'" + text + "' is not a PostgreSQL URL: write postgresql://host:port/database?user=NAME");
        String rest = text.startsWith("jdbc:") ? text.substring("jdbc:".length()) : text.replaceFirst("^postgres(ql)?:", "postgresql:");
        URI uri;
        try {
            uri = new URI(rest);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + redact(text) + "' is not a valid PostgreSQL URL: " + e.getReason());
        }
        if (uri.getHost() == null) throw new IllegalArgumentException("'" + redact(text) + "' names no host: write postgresql://host:port/database");
        String database = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        if (database.isEmpty()) throw new IllegalArgumentException("'" + redact(text) + "' names no database: write postgresql://host:port/database");
        Map<String, String> params = query(uri.getRawQuery());
        String user = params.remove("user");
        String password = params.remove("password");
        if (uri.getRawUserInfo() != null) {
            String[] info = uri.getRawUserInfo().split(":", 2);
            if (user == null) user = decode(info[0]);
            if (password == null && info.length == 2) password = decode(info[1]);
        }
        if (password == null) password = env.apply(PASSWORD_ENV);
        StringBuilder url = new StringBuilder("jdbc:postgresql://").append(uri.getHost());
        if (uri.getPort() >= 0) url.append(':').append(uri.getPort());
        url.append('/').append(database);
        String sep = "?";
        for (var p : params.entrySet()) {
            url.append(sep).append(p.getKey()).append('=').append(p.getValue());
            sep = "&";
        }
        return new PostgresqlLocation(url.toString(), user, password);
    }

    /** The location as it may be written down (in the data directory, in a log): never the password. */
    public String withoutPassword() {
        return jdbcUrl + (user == null ? "" : (jdbcUrl.contains("?") ? "&" : "?") + "user=" + user);
    }

    @Override
    public String toString() { return withoutPassword(); }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) return out;
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) continue;
            String[] kv = pair.split("=", 2);
            String key = decode(kv[0]);
            // user and password are taken out and decoded; everything else goes to the driver as written
            out.put(key, key.equals("user") || key.equals("password") ? decode(kv.length == 2 ? kv[1] : "") : (kv.length == 2 ? kv[1] : ""));
        }
        return out;
    }

    private static String decode(String s) { return URLDecoder.decode(s, StandardCharsets.UTF_8); }

    /** {@code text} with any password in it replaced, for error messages. */
    static String redact(String text) {
        return text.replaceAll("(?i)(password=)[^&]*", "$1***").replaceAll("(//[^:/@]+:)[^@/]*@", "$1***@");
    }
}
