package org.touchline.node;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * A settings file of the data directory ({@code touchline.properties}, {@code requests.properties},
 * {@code analytics.properties}...): Java properties read as UTF-8, empty when the file is absent, so every setting
 * falls back to its default.
 */
public final class SettingsFile {
    private SettingsFile() {}

    public static Properties read(Path file) {
        Properties p = new Properties();
        if (!Files.exists(file)) return p;
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the settings file " + file + ": " + e.getMessage(), e);
        }
        return p;
    }
}
