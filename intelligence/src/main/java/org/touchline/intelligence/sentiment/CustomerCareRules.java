package org.touchline.intelligence.sentiment;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Pattern;

import org.touchline.intelligence.sentiment.LexiconSentimentAnalyzer.Contribution;

/**
 * What a message to a company means beyond its feeling words, applied after VADER's heuristics. Written from how
 * customers write to customer care, not fitted to any data set:
 * <ol>
 *   <li><b>Measured waits.</b> A customer who counts the time ("2 hours", "three days", "45mins") is counting a
 *   wait or a delay: negative; so is time spent without a count ("for hours", "days later").</li>
 *   <li><b>"Still".</b> "still waiting", "still no refund", "still haven't heard": the problem outlived a promise.</li>
 *   <li><b>Service that did not happen.</b> A negated service verb is a failure: "didn't arrive", "haven't
 *   received", "can't get through", "no help", "not working", "never came". And a negated failure is no praise:
 *   "can't get hold of anyone" stays a complaint; VADER would turn the negated "hold" positive.</li>
 *   <li><b>Reproachful questions.</b> A question asking "why" or "how come" asks for an account of a failure.</li>
 *   <li><b>Wishes.</b> "it would be nice to get an answer", "should have been helpful": praise of what the
 *   service did not do is a complaint, so a positive word after "would", "could" or "should" counts against.</li>
 *   <li><b>Hashtags</b> are read as their word ("#disappointed"), and a tag that names a failure ("#fail",
 *   "#brandfail", "#worstservice") as one.</li>
 *   <li><b>Complaint first.</b> A message that reports something going wrong is a complaint, however politely put:
 *   "thanks", "great" or "love" beside a failure are courtesy or sarcasm ("love being on hold for an hour"), so
 *   they count a third, unless the customer turns to praise after the failure ("... but the crew were
 *   amazing").</li>
 *   <li><b>Questions ask.</b> A message that asks a question and reports no failure is asking, not praising: its
 *   positive words ("is the upgrade good value?", "can you help? thanks") count nothing. "??" closing a question
 *   that asks for information is insistence, not exasperation.</li>
 *   <li><b>Requests.</b> "I'd love to know", "we would like to" ask; thanks in a message that asks for something
 *   ("please send me the invoice, thanks") is courtesy and counts half.</li>
 * </ol>
 */
final class CustomerCareRules {

    static final String NAME = "customer-care lexicon";

    /** A measured wait, on VADER's scale: as "delayed" -0.9 and "waiting" -1.2, a little more. */
    static final double MEASURED_WAIT = -1.3;
    /** "still" with a lack after it: as "waiting", more, since a promise was broken on the way. */
    static final double STILL_LACKING = -1.5;
    /** A service that did not happen: as "failed" -2.3, less, since the words are plainer. */
    static final double NOT_SERVED = -1.5;
    /** A negated statement no other rule read: a mild failure, as "wait" -0.8. */
    static final double NEGATED_STATEMENT = -0.8;
    /** "not flying with you again": a refusal to come back, as "never again". */
    static final double NEVER_AGAIN = -2.0;
    /** "??", "?!": a question asked in exasperation, as "frustrated" -1.5, less. */
    static final double EXASPERATION = -1.0;
    /** A reproachful question: as "complaint". */
    static final double REPROACH = -1.2;
    /** A wish for what the service did not do counts against, half as much as the word would for. */
    static final double WISH = -0.5;
    private static final Set<String> WISHING = Set.of("would", "could", "should", "wouldve", "couldve", "shouldve",
            "would've", "could've", "should've", "i'd", "it'd");
    private static final int WISH_REACH = 3;
    /** A hashtag naming a failure: as "fail" -2.5, less, since the tag is shorthand. */
    static final double FAILURE_TAG = -2.0;
    /** The shortest word read at the start of a hashtag. */
    private static final int TAG_WORD = 4;
    private static final Pattern FAILURE_TAGS = Pattern.compile("#\\w*(fail|suck|worst|never|disappoint|nothanks|notcool|ugh|shame|joke|fix|help)\\w*");
    /**
     * Where praise starts: above a lone courtesy word. A compound of 0.3 is one word of valence 1.2 ("ok",
     * "okay" are below it in this register; "thanks" 1.9 and "great" 3.1 above), where VADER's is 0.05.
     */
    static final double POSITIVE_FROM = 0.3;
    /** What positive words count beside a failure, and in a question. */
    static final double BESIDE_FAILURE = 1.0 / 3;
    static final double IN_QUESTION = 0;
    /** Thanks in a message that asks for something ("please send me the invoice, thanks") counts half. */
    static final double COURTESY_IN_REQUEST = 0.5;
    /** What a failure named in a question asking for information counts: it is the topic, not yet an event. */
    static final double IN_INQUIRY = 0;
    /** How negative a contribution must be to report a failure: more than a shade ("sorry" -0.3). */
    private static final double FAILURE = -0.5;

    private static final Set<String> COUNTS = Set.of("a", "an", "one", "two", "three", "four", "five", "six",
            "seven", "eight", "nine", "ten", "eleven", "twelve", "several", "few", "couple", "multiple", "many",
            "numerous", "countless");
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,]\\d+)?\\+?");
    private static final Set<String> TIME_UNITS = Set.of("hour", "hours", "hr", "hrs", "minute", "minutes", "min",
            "mins", "day", "days", "week", "weeks", "wks", "month", "months");
    private static final Pattern NUMBER_AND_UNIT =
            Pattern.compile("\\d+(?:[.,]\\d+)?\\+?(?:h|hr|hrs|hour|hours|m|min|mins|minute|minutes|days?|wks?|weeks?)");
    /** Words before a duration that make it time spent waiting. */
    private static final Set<String> SPENT_BEFORE = Set.of("for", "over", "after", "almost", "nearly", "than",
            "another", "past", "been", "waited", "waiting", "spent", "wasted", "lost");
    /** Words after a duration that make it time spent waiting. */
    private static final Set<String> SPENT_AFTER = Set.of("late", "later", "delay", "delayed", "delays", "wait",
            "waiting", "on", "in", "and", "now", "already", "of", "stuck", "sitting");
    /** Words after a duration that make it praise or a plain fact, never a wait. */
    private static final Set<String> EARLY = Set.of("early", "earlier", "ahead", "before", "prior", "left");
    private static final Set<String> LACKS = Set.of("waiting", "no", "not", "nothing", "none", "nobody", "stuck",
            "missing", "on", "without", "broken", "down", "charged", "unable", "cannot");
    private static final int STILL_REACH = 3;
    /** Verbs of being served: negated, each says the service did not happen. */
    private static final Set<String> SERVICE_VERBS = Set.of("help", "helps", "helped", "helping", "helpful",
            "work", "works", "worked", "working", "arrive", "arrived", "come", "came", "receive", "received",
            "get", "got", "gotten", "respond", "responded", "reply", "replied", "answer", "answered", "answering",
            "call", "called", "calls", "answers", "responds", "replies", "resolve", "resolved", "fix", "fixed", "refund", "refunded", "hear", "heard",
            "show", "showed", "load", "loading", "connect", "connected", "through", "able", "contact", "reach");
    /** Cues of not being able to do something: what follows is what the customer could not do. */
    private static final Set<String> INABILITY = Set.of("can't", "cant", "cannot", "couldn't", "couldnt", "unable",
            "won't", "wont");
    /** Words after "where is" that make the question about something of the customer's that has not come. */
    private static final Set<String> OWNED = Set.of("my", "our");
    /** Words that open a question asking for information. */
    private static final Set<String> INQUIRIES = Set.of("how", "what", "what's", "whats", "when", "where", "which",
            "who", "can", "could", "do", "does", "did", "is", "are", "will", "would", "has", "have", "may", "any",
            "if", "should");
    private static final Set<String> TURNS = Set.of("but", "however", "though", "although", "luckily",
            "fortunately", "thankfully", "finally");
    /** Words that end a failure: praise after them, and they themselves, count in full. */
    private static final Set<String> RESOLUTIONS = Set.of("solved", "resolved", "fixed", "sorted", "refunded",
            "replaced", "arrived", "found");

    /** Words of thanks: in a message that makes a request, courtesy rather than praise. */
    private static final Set<String> COURTESY = Set.of("thanks", "thank", "thx", "ty", "tks", "appreciate",
            "appreciated", "cheers");
    /** Words that make a message a request ("please send me", "can you check", "I need to change"). */
    private static final Set<String> REQUEST_MARKERS = Set.of("please", "pls", "plz", "need", "can", "could");
    /** Durations without a count ("for hours", "days later"): spent when the words around say so. */
    private static final Set<String> BARE_UNITS = Set.of("hours", "hrs", "days", "weeks", "months", "ages",
            "forever");
    /** Words before "love to" / "like to" that make it a way of asking: "I'd love to know", "we would like to". */
    private static final Set<String> ASKING = Set.of("i'd", "id", "we'd", "would");

    private final SentimentLexicon lexicon;

    CustomerCareRules(SentimentLexicon lexicon) {
        this.lexicon = lexicon;
    }

    List<Contribution> apply(List<Word> words, List<Contribution> found) {
        List<Contribution> all = new ArrayList<>(found.size());
        for (Contribution c : found) {
            if (c.valence() > 0 && c.start() == c.end() && asks(words, c.start())) {
                all.add(c.times(0));
            } else if (c.valence() > 0 && !c.negated() && wished(words, c.start())) {
                all.add(c.times(WISH));
            } else if (c.valence() < 0 && inInquiry(words, c.start())) {
                all.add(c.times(IN_INQUIRY));
            } else {
                all.add(c);
            }
        }
        boolean question = words.stream().anyMatch(w -> w.trailing().indexOf('?') >= 0);
        int[] negatedBy = NegationScope.cues(words);
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i).lower();
            String next = i + 1 < words.size() ? words.get(i + 1).lower() : "";
            if (word.startsWith("#") && word.length() > 1) {
                if (FAILURE_TAGS.matcher(word).matches()) {
                    all.add(new Contribution(i, i, FAILURE_TAG, false));
                } else {
                    int at = i;
                    tagValence(word.substring(1)).ifPresent(v -> all.add(new Contribution(at, at, v, false)));
                }
            } else if (negatedBy[i] >= 0 && SERVICE_VERBS.contains(word) && !covered(all, i)) {
                all.add(new Contribution(negatedBy[i], i, NOT_SERVED, true));
            } else if (isCount(word) && TIME_UNITS.contains(next) && waited(words, i, i + 1)) {
                all.add(new Contribution(i, i + 1, MEASURED_WAIT, false));
            } else if (BARE_UNITS.contains(word) && (i == 0 || !isCount(words.get(i - 1).lower()))
                    && waited(words, i, i)) {
                all.add(new Contribution(i, i, MEASURED_WAIT, false));
            } else if (NUMBER_AND_UNIT.matcher(word).matches() && waited(words, i, i)) {
                all.add(new Contribution(i, i, MEASURED_WAIT, false));
            } else if (INABILITY.contains(word) && unableToAct(words, i, all)) {
                all.add(new Contribution(i, Math.min(words.size() - 1, i + 1), NOT_SERVED, true));
            } else if (word.equals("again") && negatedInClause(words, i) >= 0) {
                all.add(new Contribution(negatedInClause(words, i), i, NEVER_AGAIN, true));
            } else if (asksWhereTheirs(words, i)) {
                all.add(new Contribution(i, i + 1, STILL_LACKING, false));
            } else if (word.equals("still") && lackFollows(words, i)) {
                all.add(new Contribution(i, Math.min(words.size() - 1, i + 1), STILL_LACKING, false));
            } else if (question && (word.equals("why") || (word.equals("how") && next.equals("come")))) {
                all.add(new Contribution(i, word.equals("why") ? i : i + 1, REPROACH, false));
            }
        }
        addNegatedStatements(words, negatedBy, all);
        for (int i = 0; i < words.size(); i++) {
            String trailing = words.get(i).trailing();
            // "??" closing a question that asks for information ("do you have an email??") is insistence, not anger.
            boolean asking = trailing.contains("??") && !trailing.contains("!") && inInquiry(words, i);
            if (!asking && (trailing.contains("??") || trailing.contains("?!") || trailing.contains("!?"))) {
                all.add(new Contribution(i, i, EXASPERATION, false));
                break;
            }
        }
        int failure = firstFailure(all);
        List<Contribution> adjusted = new ArrayList<>(all.size());
        for (Contribution c : all) {
            if (c.negated() && c.valence() > 0 && words.size() > 0) {
                // a negated failure ("can't get hold", "no delay"): no praise either way
                adjusted.add(c.times(0));
            } else if (c.valence() <= 0) {
                adjusted.add(c);
            } else if (failure >= 0) {
                adjusted.add(turnsToPraise(words, failure, c.start()) ? c : c.times(BESIDE_FAILURE));
            } else {
                boolean courtesy = requests(words) && COURTESY.contains(words.get(c.end()).lower());
                adjusted.add(question ? c.times(IN_QUESTION) : courtesy ? c.times(COURTESY_IN_REQUEST) : c);
            }
        }
        return adjusted;
    }

    /**
     * True when the duration at {@code first..last} is a wait: time spent ("for 2 hours", "over an hour", "after three
     * days", "45 minutes on hold", "2 hours late"), not a plain fact ("a 2 hour flight", "24hrs before departure",
     * "an hour early").
     */
    private static boolean waited(List<Word> words, int first, int last) {
        String before = first > 0 ? words.get(first - 1).lower() : "";
        String after = last + 1 < words.size() && !words.get(last).endsClause() ? words.get(last + 1).lower() : "";
        if (EARLY.contains(after)) {
            return false;
        }
        return SPENT_BEFORE.contains(before) || SPENT_AFTER.contains(after);
    }

    /**
     * True when "can't", "unable", "won't" ... is followed by what the customer could not do, and that is no lexicon
     * word VADER's negation already turned ("can't wait", "can't complain" are not failures).
     */
    private static boolean unableToAct(List<Word> words, int cue, List<Contribution> all) {
        if (words.get(cue).endsClause() || cue + 1 >= words.size()) {
            return false;
        }
        for (int j = cue + 1; j <= cue + NegationScope.REACH && j < words.size(); j++) {
            if (covered(all, j) || SERVICE_VERBS.contains(words.get(j).lower())) {
                return false;
            }
            if (words.get(j).endsClause()) {
                break;
            }
        }
        return true;
    }

    /** The index of a negation cue earlier in the clause of the word at {@code index}, or -1. */
    private static int negatedInClause(List<Word> words, int index) {
        for (int j = index - 1; j >= 0 && !words.get(j).endsClause(); j--) {
            if (NegationScope.isCue(words.get(j).lower())) {
                return j;
            }
        }
        return -1;
    }

    /** "where is my refund", "where's our luggage": something of the customer's that has not come. */
    private static boolean asksWhereTheirs(List<Word> words, int i) {
        String word = words.get(i).lower();
        String next = i + 1 < words.size() ? words.get(i + 1).lower() : "";
        String third = i + 2 < words.size() ? words.get(i + 2).lower() : "";
        return ((word.equals("where's") || word.equals("wheres")) && OWNED.contains(next))
                || (word.equals("where") && (next.equals("is") || next.equals("are")) && OWNED.contains(third));
    }

    /**
     * A negated statement that no other rule read ("I did not get my points", "the email doesn't exist"): in a
     * message to a company, what did not happen is mostly what should have. A negated question asks ("don't you fly
     * to Leeds?") and is left alone.
     */
    private static void addNegatedStatements(List<Word> words, int[] negatedBy, List<Contribution> all) {
        for (int cue = 0; cue < words.size(); cue++) {
            int last = -1;
            for (int j = cue + 1; j < words.size() && negatedBy[j] == cue; j++) {
                last = j;
            }
            int first = cue;
            int end = last;
            boolean read = all.stream().anyMatch(c -> c.start() <= end && c.end() >= first);
            if (last < 0 || read || endsInQuestion(words, cue)) {
                continue;
            }
            all.add(new Contribution(cue, last, NEGATED_STATEMENT, true));
        }
    }

    private static boolean endsInQuestion(List<Word> words, int from) {
        for (int j = from; j < words.size(); j++) {
            if (words.get(j).endsClause()) {
                return words.get(j).trailing().indexOf('?') >= 0;
            }
        }
        return false;
    }

    /**
     * True when the word at {@code index} is in a clause that asks for information ("is flight 882 cancelled?", "what
     * is your policy on damaged luggage?", "how do I report a lost bag?"): a failure named in an inquiry is what the
     * customer asks about, not yet what they live through, so it counts nothing. "why" and "how come" reproach instead.
     */
    private static boolean inInquiry(List<Word> words, int index) {
        int start = index;
        while (start > 0 && !words.get(start - 1).endsClause()) {
            start--;
        }
        while (start < index && words.get(start).text().startsWith("@")) {
            start++;
        }
        int end = index;
        while (end < words.size() - 1 && !words.get(end).endsClause()) {
            end++;
        }
        String opener = words.get(start).lower();
        boolean howCome = opener.equals("how") && start + 1 < words.size() && words.get(start + 1).lower().equals("come");
        return words.get(end).trailing().indexOf('?') >= 0 && INQUIRIES.contains(opener) && !howCome;
    }

    /**
     * A hashtag's word: the tag itself, or else the longest word of at least four letters it starts with
     * ("#horriblecustomerservice" as "horrible"), since tags run words together.
     */
    private OptionalDouble tagValence(String tag) {
        OptionalDouble whole = lexicon.valence(tag);
        if (whole.isPresent()) {
            return whole;
        }
        for (int end = tag.length() - 1; end >= TAG_WORD; end--) {
            OptionalDouble prefix = lexicon.valence(tag.substring(0, end));
            if (prefix.isPresent()) {
                return prefix;
            }
        }
        return OptionalDouble.empty();
    }

    /** True when "would", "could" or "should" stands in the few words before. */
    private static boolean wished(List<Word> words, int index) {
        for (int j = index - 1; j >= 0 && j >= index - WISH_REACH; j--) {
            if (WISHING.contains(words.get(j).lower())) {
                return true;
            }
            if (words.get(j).endsClause()) {
                return false;
            }
        }
        return false;
    }

    /** True when a lexicon word already scored the word at {@code index} (it was negated there). */
    private static boolean covered(List<Contribution> all, int index) {
        return all.stream().anyMatch(c -> c.end() == index && c.valence() != 0);
    }

    /** "I'd love to know", "we would like to": how a customer asks, neither a feeling nor a wish for what failed. */
    private static boolean asks(List<Word> words, int i) {
        String word = words.get(i).lower();
        return (word.equals("love") || word.equals("like")) && i > 0 && i + 1 < words.size()
                && words.get(i + 1).lower().equals("to") && ASKING.contains(words.get(i - 1).lower());
    }

    private static boolean requests(List<Word> words) {
        return words.stream().anyMatch(w -> REQUEST_MARKERS.contains(w.lower()));
    }

    private static boolean isCount(String word) {
        return COUNTS.contains(word) || NUMBER.matcher(word).matches();
    }

    private static boolean lackFollows(List<Word> words, int still) {
        for (int j = still + 1; j <= still + STILL_REACH && j < words.size(); j++) {
            String w = words.get(j).lower();
            if (LACKS.contains(w) || NegationScope.isCue(w) || (j == still + 1 && w.endsWith("ing"))) {
                return true;
            }
            if (words.get(j).endsClause()) {
                return false;
            }
        }
        return false;
    }

    /** The index of the first word of the first failure reported, or -1. */
    private static int firstFailure(List<Contribution> all) {
        int first = -1;
        for (Contribution c : all) {
            if (c.valence() <= FAILURE && (first < 0 || c.start() < first)) {
                first = c.start();
            }
        }
        return first;
    }

    /**
     * True when a turning word ("but", "luckily") stands between the failure and the positive word, or a
     * resolution ("solved", "fixed") ends the failure at or before it.
     */
    private static boolean turnsToPraise(List<Word> words, int failure, int positive) {
        for (int i = failure + 1; i <= positive; i++) {
            String word = words.get(i).lower();
            if ((i < positive && TURNS.contains(word)) || RESOLUTIONS.contains(word)) {
                return true;
            }
        }
        return false;
    }
}
