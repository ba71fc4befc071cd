package org.touchline.domain;

import java.util.List;

/** The channels a company meets its customers through. Interaction v1 names them with these lower-case words. */
public final class Channel {
    public static final List<String> ALL = List.of(
            "call_centre", "store", "web", "app", "email", "chat", "social", "survey", "ticket", "field_service", "external");

    private Channel() {}

    public static boolean isKnown(String channel) { return ALL.contains(channel); }
}
