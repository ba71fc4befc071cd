package org.touchline.intelligence.propensity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The versions of every model, kept in a directory as {@code <root>/<name>/<version>/}. A version once shelved is
 * never replaced; training again under the same name shelves the next version. One process writes a shelf at a
 * time (versions are numbered by looking at the directory).
 */
public final class ModelShelf {
    private final Path root;

    public ModelShelf(Path root) {
        this.root = root;
    }

    /** Trains the next version of {@code name} on {@code training} and shelves it. */
    public synchronized PropensityModel train(String name, PropensityTrainer trainer, List<Example> training)
            throws IOException {
        PropensityModel model = trainer.train(nextVersion(name), training);
        put(model);
        return model;
    }

    /** The version the next training of {@code name} gets: one past the latest, or 1. */
    public synchronized ModelVersion nextVersion(String name) {
        List<ModelVersion> versions = versions(name);
        return versions.isEmpty() ? new ModelVersion(name, 1) : versions.get(versions.size() - 1).next();
    }

    /** Shelves a model under its version; refuses a version already there. */
    public synchronized void put(PropensityModel model) throws IOException {
        Path target = directory(model.version());
        if (Files.exists(target)) {
            throw new IllegalStateException("model " + model.version() + " is already on the shelf at " + target
                    + "; versions are never replaced");
        }
        Files.createDirectories(target.getParent());
        // Written aside, then renamed: a crash leaves no half-written version behind.
        Path staging = Files.createTempDirectory(target.getParent(), ".staging-" + model.version().version() + "-");
        model.save(staging);
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(staging, target);
        }
    }

    public PropensityModel get(ModelVersion version) throws IOException {
        Path directory = directory(version);
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("no model " + version + " on the shelf at " + root
                    + " (versions of " + version.name() + ": " + versions(version.name()) + ")");
        }
        return PropensityModel.load(directory);
    }

    public Optional<PropensityModel> latest(String name) throws IOException {
        List<ModelVersion> versions = versions(name);
        return versions.isEmpty() ? Optional.empty() : Optional.of(get(versions.get(versions.size() - 1)));
    }

    /** The shelved versions of {@code name}, oldest first. */
    public List<ModelVersion> versions(String name) {
        Path folder = root.resolve(new ModelVersion(name, 1).name());
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("[1-9][0-9]{0,8}"))
                    .map(n -> new ModelVersion(name, Integer.parseInt(n)))
                    .sorted(Comparator.comparingInt(ModelVersion::version))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }

    private Path directory(ModelVersion version) {
        return root.resolve(version.name()).resolve(Integer.toString(version.version()));
    }
}
