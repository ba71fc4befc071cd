package org.touchline.ingest;

/** A field a mapping names that cannot be read from one record, e.g. it holds an object where a value belongs. */
final class FieldException extends Exception {
    FieldException(String reason) {
        super(reason, null, false, false); // a per-record outcome, not a bug: no stack trace needed
    }
}
