package org.touchline.cli;

import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * One logging backend for the whole process: libraries that log through java.util.logging (Tribuo, OLCUT, the JDK's
 * System.Logger) go through SLF4J into logback, whose configuration (logback.xml) writes to standard error only and
 * keeps chatty libraries at WARN. Without this, JUL's own console handler printed Tribuo's training lines in the middle
 * of a command's output.
 */
final class LibraryLogging {
    private LibraryLogging() {}

    static void route() {
        if (SLF4JBridgeHandler.isInstalled()) return;
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
    }
}
