package org.touchline.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The examples each command's help ends with, from {@value #RESOURCE}: a {@code [touchline COMMAND ...]} line, then the
 * command lines to show. Kept in one file so they read as a whole and every command's are easy to find.
 */
final class Examples {
    static final String RESOURCE = "examples.txt";
    private final Map<String, List<String>> byCommand;

    private Examples(Map<String, List<String>> byCommand) { this.byCommand = byCommand; }

    static Examples load() {
        Map<String, List<String>> map = new LinkedHashMap<>();
        try (InputStream in = Examples.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException(RESOURCE + " is missing from the touchline jar");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<String> current = null;
            for (String line; (line = r.readLine()) != null; ) {
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("#")) continue;
                if (l.startsWith("[") && l.endsWith("]")) map.put(l.substring(1, l.length() - 1).strip(), current = new ArrayList<>());
                else if (current != null) current.add(line.stripTrailing());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Examples(map);
    }

    /** The examples of the command with this full name ("touchline identity reviews"), or none. */
    List<String> of(String qualifiedName) { return byCommand.getOrDefault(qualifiedName, List.of()); }
}
