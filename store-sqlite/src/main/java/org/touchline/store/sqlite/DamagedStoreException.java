package org.touchline.store.sqlite;

import org.touchline.domain.store.StoreException;

import java.nio.file.Path;
import java.util.List;

/** The store file failed SQLite's structural check: it is not opened, so nothing is written on top of the damage. */
public final class DamagedStoreException extends StoreException {
    private final List<String> problems;

    public DamagedStoreException(Path dbFile, List<String> problems) {
        super("the store " + dbFile + " is damaged and was not opened: " + String.join("; ", problems.subList(0, Math.min(5, problems.size())))
                + (problems.size() > 5 ? "; and " + (problems.size() - 5) + " more" : "")
                + ". Run `touchline verify` for the whole report, and restore the data directory from a backup (`touchline restore`).");
        this.problems = List.copyOf(problems);
    }

    /** SQLite's own words for each problem found. */
    public List<String> problems() { return problems; }
}
