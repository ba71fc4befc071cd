package org.touchline.server;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text the API reads must be UTF-8 (RFC 8259 §8.1; RFC 3986 §2.5 for the query). Decoding would otherwise replace a bad
 * byte with U+FFFD, and two different source record ids could become one, the second "a duplicate" and lost. A body
 * or query parameter that is not valid UTF-8 is refused (400) with the field (or parameter), the line and the byte.
 */
final class StrictInput {
    /** The last JSON member name before a position: {@code "name":}. */
    private static final Pattern MEMBER = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"\\s*:");

    private StrictInput() {}

    static void check(Context ctx) {
        if (!ctx.path().startsWith("/v1/")) return;
        String query = ctx.queryString();
        if (query != null) for (String pair : query.split("&")) checkParameter(pair);
        // A source file is streamed as it is on disk, not held here: its reader refuses a record that is not UTF-8 alone.
        if (ctx.path().equals(SourceFileRoutes.PATH)) return;
        byte[] body = ctx.bodyAsBytes();
        if (body.length == 0) return;
        int bad = firstMalformed(body);
        if (bad < 0) return;
        String before = new String(body, 0, bad, StandardCharsets.UTF_8);
        int line = 1;
        for (int i = 0; i < before.length(); i++) if (before.charAt(i) == '\n') line++;
        String lineText = before.substring(before.lastIndexOf('\n') + 1);
        Matcher m = MEMBER.matcher(lineText);
        String field = null;
        while (m.find()) field = m.group(1);
        throw new Access.Refused(HttpStatus.BAD_REQUEST, "line " + line + (field != null ? ": field '" + field + "'" : "")
                + ": the body is not valid UTF-8 (byte " + bad + " of the body cannot be decoded); send text as UTF-8");
    }

    private static void checkParameter(String pair) {
        int eq = pair.indexOf('=');
        String name = eq < 0 ? pair : pair.substring(0, eq);
        byte[] n = percentDecoded(name), v = eq < 0 ? new byte[0] : percentDecoded(pair.substring(eq + 1));
        if (n == null || firstMalformed(n) >= 0 || v == null || firstMalformed(v) >= 0) {
            String shown = n != null && firstMalformed(n) < 0 ? new String(n, StandardCharsets.UTF_8) : name;
            throw new Access.Refused(HttpStatus.BAD_REQUEST, "query parameter '" + shown + "' is not valid percent-encoded UTF-8");
        }
    }

    /** The bytes a percent-encoded query component stands for ('+' is a space), or null when an escape is broken. */
    private static byte[] percentDecoded(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) return null;
                int hi = Character.digit(s.charAt(i + 1), 16), lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) return null;
                out.write(hi << 4 | lo);
                i += 2;
            } else if (c == '+') {
                out.write(' ');
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        return out.toByteArray();
    }

    /** The offset of the first byte that is not part of valid UTF-8, or -1. One pass, through a small buffer. */
    static int firstMalformed(byte[] bytes) {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(8192);
        while (true) {
            CoderResult r = d.decode(in, out, true);
            if (r.isError()) return in.position();
            if (r.isUnderflow()) return -1;
            out.clear();
        }
    }
}
