package org.touchline.node;

import org.touchline.identity.IdentifierRules;
import org.touchline.identity.match.PersonMatchModel;

/**
 * What decides how records resolve to customers (docs/identity.md): the identifier rules and the probabilistic
 * matcher's model. Every attribution, live and in a rebuild, reads them here; they change together, only when the node
 * re-resolves its whole history under new ones ({@code touchline identity resolve --all}).
 */
public final class Resolution {
    private record Settings(IdentifierRules rules, PersonMatchModel model) {}

    private volatile Settings settings;

    Resolution(IdentifierRules rules, PersonMatchModel model) { this.settings = new Settings(rules, model); }

    public IdentifierRules rules() { return settings.rules(); }

    public PersonMatchModel model() { return settings.model(); }

    /** The canonical description of both, which the data directory's rules-in-force file and the rules entries hold. */
    String describe() {
        Settings s = settings;
        return s.rules().describe() + " | match model " + s.model().version();
    }

    /** Puts new rules and a new model in force; the caller re-resolves the history under them. */
    void replace(IdentifierRules rules, PersonMatchModel model) { this.settings = new Settings(rules, model); }
}
