package org.touchline.ingest;

/** A batch with more lines than one request may carry; nothing of it was read. */
public class TooManyLinesException extends IllegalArgumentException {
    private final int maxLines;

    public TooManyLinesException(int maxLines) {
        super("the batch has more than " + maxLines + " lines; send at most " + maxLines + " interactions per request");
        this.maxLines = maxLines;
    }

    public int maxLines() { return maxLines; }
}
