package org.touchline.contracts;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The typed actions a contract can take, each with its parameters. In a definition an action is a one-key map:
 * {@code - award_tokens: {account: agent, amount: 50, reason: five-star rating}}.
 */
public enum ActionType {
    /** Credit tokens to the customer's or the agent's account. */
    AWARD_TOKENS("award_tokens", p("account", Param.ACCOUNT, true), p("amount", Param.AMOUNT, true), p("reason", Param.TEXT, true)),
    /** Debit tokens from the customer's or the agent's account (the node caps it at the balance). */
    EXPIRE_TOKENS("expire_tokens", p("account", Param.ACCOUNT, true), p("amount", Param.AMOUNT, true), p("reason", Param.TEXT, true)),
    /** Propose a next best action to whoever next serves the customer. */
    PROPOSE_ACTION("propose_action", p("action", Param.NAME, true), p("reason", Param.TEXT, true), p("channel", Param.CHANNEL, false)),
    /** Keep the customer out of a campaign (or a family of campaigns) for some days from the entry's time. */
    SUPPRESS_CAMPAIGN("suppress_campaign", p("campaign", Param.NAME, true), p("days", Param.DAYS, true)),
    /** Open a task for a channel's team, optionally due some days after the entry's time. */
    OPEN_TASK("open_task", p("channel", Param.CHANNEL, true), p("task", Param.TEXT, true), p("dueDays", Param.DAYS, false)),
    /** Send the customer a message from a template through a channel. */
    NOTIFY("notify", p("channel", Param.CHANNEL, true), p("template", Param.NAME, true));

    /** The kinds of parameter values. */
    public enum Param {
        /** {@code customer} or {@code agent}. */
        ACCOUNT,
        /** A positive integer, or a CEL expression of type int evaluated per entry. */
        AMOUNT,
        /** Free text up to 200 characters. */
        TEXT,
        /** A code: lower-case letters, digits, '_', '-' and '.', up to 64 characters. */
        NAME,
        /** A channel name, or {@code entry}: the triggering entry's channel. */
        CHANNEL,
        /** Whole days, 1 to 3650. */
        DAYS
    }

    /** One parameter: its name, kind and whether it must be given. */
    public record ParamSpec(String name, Param kind, boolean required) {}

    private final String wireName;
    private final Map<String, ParamSpec> params;

    ActionType(String wireName, ParamSpec... params) {
        this.wireName = wireName;
        Map<String, ParamSpec> m = new LinkedHashMap<>();
        for (ParamSpec s : params) m.put(s.name(), s);
        this.params = Collections.unmodifiableMap(m);
    }

    /** The name in definitions and action entries, e.g. {@code award_tokens}. */
    public String wireName() {
        return wireName;
    }

    public Map<String, ParamSpec> params() {
        return params;
    }

    public static Optional<ActionType> byWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }

    @Override
    public String toString() {
        return wireName;
    }

    private static ParamSpec p(String name, Param kind, boolean required) {
        return new ParamSpec(name, kind, required);
    }
}
