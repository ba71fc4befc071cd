package org.touchline.server;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;

/**
 * HEAD on the API is GET without the body (RFC 9110 §9.3.2): the route, its access rule and its headers are GET's.
 * The router would otherwise match HEAD to the static files' handler. The API's answers are small JSON, so running
 * the GET and dropping what it writes costs little.
 */
final class HeadAsGet extends HttpFilter {
    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain) throws IOException, ServletException {
        if (!req.getMethod().equals("HEAD") || !req.getRequestURI().startsWith("/v1/")) {
            chain.doFilter(req, res);
            return;
        }
        HttpServletRequest get = new HttpServletRequestWrapper(req) {
            @Override public String getMethod() { return "GET"; }
        };
        ServletOutputStream nothing = new ServletOutputStream() {
            @Override public boolean isReady() { return true; }

            @Override public void setWriteListener(WriteListener listener) { }

            @Override public void write(int b) { }

            @Override public void write(byte[] b, int off, int len) { }
        };
        HttpServletResponse headersOnly = new HttpServletResponseWrapper(res) {
            @Override public ServletOutputStream getOutputStream() { return nothing; }

            @Override public PrintWriter getWriter() { return new PrintWriter(new OutputStreamWriter(nothing, StandardCharsets.UTF_8)); }
        };
        chain.doFilter(get, headersOnly);
    }
}
