package org.touchline.node;

import java.nio.file.Path;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Properties;

/**
 * How long the privacy team has to answer a data-subject request: {@code answerWithin} of receiving it (GDPR Art. 12(3):
 * one month), and at most {@code extendBy} more when the request is complex or one of many (two further months). Set in
 * {@value #FILE} in the data directory as ISO-8601 periods ({@code answerWithin=P1M}, {@code extendBy=P2M}). Each
 * filing records its own due date, so a change here applies to requests received from then on.
 */
public record RequestDeadlines(Period answerWithin, Period extendBy) {
    public static final String FILE = "requests.properties";
    public static final RequestDeadlines DEFAULT = new RequestDeadlines(Period.ofMonths(1), Period.ofMonths(2));

    public RequestDeadlines {
        if (answerWithin.isNegative() || answerWithin.isZero()) throw new IllegalArgumentException(FILE + ": answerWithin must be a positive period, not " + answerWithin);
        if (extendBy.isNegative()) throw new IllegalArgumentException(FILE + ": extendBy must not be negative, not " + extendBy);
    }

    /** The deadlines in the data directory's {@value #FILE}, or the defaults where it says nothing. */
    public static RequestDeadlines in(Path dataDir) {
        Properties p = SettingsFile.read(dataDir.resolve(FILE));
        return new RequestDeadlines(period(p, "answerWithin", DEFAULT.answerWithin), period(p, "extendBy", DEFAULT.extendBy));
    }

    private static Period period(Properties p, String key, Period otherwise) {
        String v = p.getProperty(key);
        if (v == null) return otherwise;
        try {
            return Period.parse(v.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(FILE + ": " + key + " must be a period like P1M or P30D, not '" + v + "'");
        }
    }

    /** When a request received at {@code received} is due: calendar months in UTC (31 January plus a month is 28 February). */
    public Instant dueAfter(Instant received) { return received.atOffset(ZoneOffset.UTC).plus(answerWithin).toInstant(); }

    /** The latest a request first due at {@code firstDue} may be extended to. */
    public Instant furthestExtension(Instant firstDue) { return firstDue.atOffset(ZoneOffset.UTC).plus(extendBy).toInstant(); }
}
