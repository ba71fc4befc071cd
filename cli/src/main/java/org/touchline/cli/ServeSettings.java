package org.touchline.cli;

import org.touchline.node.SettingsFile;
import org.touchline.store.postgresql.PostgresqlLocation;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Where {@code touchline serve} takes a setting its command line leaves out (docs/operations.md, "Settings"): the
 * environment ({@code --topic-prefix} is {@code TOUCHLINE_TOPIC_PREFIX}), then {@value #FILE} in the data directory
 * ({@code topic-prefix=...}), then the option's default. picocli asks this only for options not on the command line,
 * after it has read the rest, so the data directory is known by then. The data directory itself comes from
 * {@code --data-dir} or {@code TOUCHLINE_DATA} only: the file lives in it.
 *
 * <p>A key of the file or a {@code TOUCHLINE_*} variable that is no setting is refused by name ({@link #refuseUnknown}):
 * a misspelt setting silently ignored is a node started with the wrong port, store or cluster.
 */
final class ServeSettings implements IDefaultValueProvider {
    static final String FILE = "touchline.properties";
    static final String PREFIX = "TOUCHLINE_";
    /** Variables the CLI reads that are not {@code serve} options. */
    static final Set<String> OTHER_VARIABLES = Set.of("TOUCHLINE_DATA", "TOUCHLINE_DEBUG", PostgresqlLocation.PASSWORD_ENV,
            "TOUCHLINE_SPARK_JAVA_OPTS", "TOUCHLINE_SPARK_TARGET", "TOUCHLINE_REQUIRE_GO", "TOUCHLINE_REQUIRE_CHROMIUM", "TOUCHLINE_GO");
    private final Supplier<Path> dataDir;
    private final Map<String, String> environment;
    private Properties file;
    private Path fileRead;

    ServeSettings(Supplier<Path> dataDir, Map<String, String> environment) {
        this.dataDir = dataDir;
        this.environment = environment;
    }

    /** An option's key in the file: its long name without the dashes ({@code --topic-prefix}: {@code topic-prefix}). */
    static String key(OptionSpec o) { return o.longestName().replaceFirst("^-+", ""); }

    /** An option's environment variable: {@code --topic-prefix} is {@code TOUCHLINE_TOPIC_PREFIX}. */
    static String variable(OptionSpec o) { return PREFIX + key(o).toUpperCase(Locale.ROOT).replace('-', '_'); }

    /** The options these settings cover: every option of the command but help, version and the data directory. */
    static boolean covered(OptionSpec o) {
        return !o.usageHelp() && !o.versionHelp() && !key(o).equals("data-dir");
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec o) || !covered(o)) return null;
        String fromEnvironment = environment.get(variable(o));
        if (fromEnvironment != null && !fromEnvironment.isBlank()) return fromEnvironment;
        return file().getProperty(key(o));   // null: the option's own default
    }

    /** The settings file of the data directory, read once (empty when there is none). */
    private Properties file() {
        Path path = dataDir.get().resolve(FILE);
        if (file != null && path.equals(fileRead)) return file;
        file = SettingsFile.read(path);
        fileRead = path;
        return file;
    }

    /** Refuses a file key or a {@code TOUCHLINE_*} variable that names no setting of {@code command}, naming it and the known ones. */
    void refuseUnknown(CommandSpec command) {
        Set<String> keys = new TreeSet<>(), variables = new TreeSet<>();
        for (OptionSpec o : command.options())
            if (covered(o)) {
                keys.add(key(o));
                variables.add(variable(o));
            }
        for (String name : new TreeSet<>(environment.keySet()))
            if (name.startsWith(PREFIX) && !variables.contains(name) && !OTHER_VARIABLES.contains(name))
                throw new IllegalArgumentException("the environment variable " + name + " is not a setting of `touchline " + command.name()
                        + "`; its settings are " + String.join(", ", variables) + " (and TOUCHLINE_DATA for the data directory)");
        for (String key : new TreeSet<>(file().stringPropertyNames()))
            if (!keys.contains(key))
                throw new IllegalArgumentException(dataDir.get().resolve(FILE) + ": '" + key + "' is not a setting of `touchline " + command.name()
                        + "`; its settings are " + String.join(", ", keys));
    }
}
