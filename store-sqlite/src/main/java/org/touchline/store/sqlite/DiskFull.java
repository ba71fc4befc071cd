package org.touchline.store.sqlite;

import org.touchline.domain.store.StoreFullException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;

/** Tells a full disk from other write failures, so callers can say "no room, try again later" rather than "broken". */
final class DiskFull {
    private static final int SQLITE_FULL = 13, SQLITE_IOERR = 10;
    /** Below this much free space, an I/O error on write is taken to be the disk running out. */
    private static final long NEARLY_FULL_BYTES = 1 << 20;

    private DiskFull() {}

    /**
     * SQLite answers SQLITE_FULL when a write returns ENOSPC; growing the WAL's shared-memory index on a full disk
     * answers an SQLITE_IOERR variant instead, so an I/O error with almost no space left counts too.
     */
    static boolean is(SQLException e, Path file) {
        int primary = e.getErrorCode() & 0xff;
        if (primary == SQLITE_FULL || String.valueOf(e.getMessage()).contains("SQLITE_FULL")) return true;
        long free = freeBytes(file);
        return primary == SQLITE_IOERR && free >= 0 && free < NEARLY_FULL_BYTES;
    }

    static StoreFullException exception(Path file, SQLException e) {
        long free = freeBytes(file);
        return new StoreFullException("the disk holding " + file + " is full" + (free >= 0 ? " (" + free + " bytes free)" : "")
                + ": nothing of this write was stored. The node accepts again as soon as there is room; send the same"
                + " records again then (records already stored are recognised, not doubled). SQLite said: " + e.getMessage(), e);
    }

    private static long freeBytes(Path file) {
        try {
            return Files.getFileStore(file.toAbsolutePath().getParent()).getUsableSpace();
        } catch (IOException e) {
            return -1;
        }
    }
}
