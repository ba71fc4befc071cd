package org.touchline.node;

/** The node's single writer, for tests outside this package that stand in for a part the node assembles. */
public final class NodeWriter {
    private NodeWriter() {}

    public static CommandWriter of(Node node) { return node::command; }
}
