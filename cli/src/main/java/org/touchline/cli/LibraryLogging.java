package org.touchline.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.joran.spi.JoranException;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

import java.util.Locale;

/**
 * One logging backend for the whole process: libraries that log through java.util.logging (Tribuo, OLCUT, the JDK's
 * System.Logger) go through SLF4J into logback, whose configuration (logback.xml) writes to standard error only and
 * keeps chatty libraries at WARN. Without this, JUL's own console handler printed Tribuo's training lines in the middle
 * of a command's output.
 */
final class LibraryLogging {
    private LibraryLogging() {}

    /** How log lines are written: for people, or one JSON object a line for a log pipeline (docs/operations.md, "Logs"). */
    enum Format { text, json }

    /** The variable logback.xml reads to pick its appender (a system property of that name wins over the environment). */
    static final String FORMAT_VARIABLE = "TOUCHLINE_LOG_FORMAT";

    /** Writes every log line from now on in {@code format}: logback reads its configuration again with that choice. */
    static void use(Format format) {
        String name = format.name().toLowerCase(Locale.ROOT);
        String current = System.getProperty(FORMAT_VARIABLE, System.getenv(FORMAT_VARIABLE));
        if (name.equals(current == null ? Format.text.name() : current)) return;
        System.setProperty(FORMAT_VARIABLE, name);
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        try {
            new ContextInitializer(context).autoConfig();
        } catch (JoranException e) {
            throw new IllegalStateException("the logging configuration (logback.xml) cannot be read: " + e.getMessage(), e);
        }
    }

    static void route() {
        if (SLF4JBridgeHandler.isInstalled()) return;
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
    }
}
