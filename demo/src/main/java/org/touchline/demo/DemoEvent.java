package org.touchline.demo;

/**
 * One interaction before a source system writes it down, in Touchline's own words (channel and type); each source
 * writer turns it into that system's codes and format. Lives only between being planned and being written.
 */
final class DemoEvent {
    long at;                 // epoch millis
    long seq;                // tie-breaker so the order is deterministic
    Src src;
    String channel;          // Touchline channel
    String type;             // Touchline type
    DemoCustomer c;          // whom it is about (the beneficiary when someone acts for them)
    DemoCustomer actor;      // a household member acting for c, or null
    boolean anonymous;       // before they are known (not logged in, not yet a customer)
    String cookie;           // browser cookie for web events and chat
    String[] products;
    String text;
    int rating;              // 1-5, 0 = none
    String ref;              // order id, campaign code, store id... depending on type
    String agent;
    String outcome;

    DemoEvent(long at, Src src, String channel, String type, DemoCustomer c) {
        this.at = at;
        this.src = src;
        this.channel = channel;
        this.type = type;
        this.c = c;
    }

    DemoEvent products(String... p) { this.products = p; return this; }
    DemoEvent text(String t) { this.text = t; return this; }
    DemoEvent rating(int r) { this.rating = r; return this; }
    DemoEvent ref(String r) { this.ref = r; return this; }
    DemoEvent agent(String a) { this.agent = a; return this; }
    DemoEvent outcome(String o) { this.outcome = o; return this; }
    DemoEvent anonymous(String cookie) { this.anonymous = true; this.cookie = cookie; return this; }
    DemoEvent actor(DemoCustomer a) { this.actor = a; return this; }
    /** Logged in: the source knows who it is even though it also has the cookie. */
    DemoEvent known() { this.anonymous = false; return this; }
}
