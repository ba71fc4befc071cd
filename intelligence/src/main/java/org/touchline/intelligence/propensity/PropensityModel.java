package org.touchline.intelligence.propensity;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.oracle.labs.mlrg.olcut.provenance.ProvenanceUtil;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.common.xgboost.XGBoostModel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A trained propensity model: scores examples with a probability and the features that drove it. Saved as Tribuo's
 * own serialised model ({@code model.tribuo}) beside two JSON files: the card ({@code card.json}: version, data
 * window, features, hyper-parameters, Tribuo provenance) and the fitted encoding ({@code encoding.json}).
 */
public final class PropensityModel {
    public static final int DEFAULT_TOP = 5;
    private static final String MODEL_FILE = "model.tribuo";
    private static final String CARD_FILE = "card.json";
    private static final String ENCODING_FILE = "encoding.json";
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new SimpleModule().addSerializer(Instant.class, new JsonSerializer<>() {
                @Override
                public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                    gen.writeString(value.toString());
                }
            }).addDeserializer(Instant.class, new JsonDeserializer<>() {
                @Override
                public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                    return Instant.parse(p.getValueAsString());
                }
            }))
            .enable(SerializationFeature.INDENT_OUTPUT);

    private final ModelCard card;
    private final Encoding encoding;
    private final Model<Label> model;
    private final RowScorer scorer;

    @SuppressWarnings("unchecked")
    PropensityModel(ModelCard card, Encoding encoding, Model<Label> model) {
        this.card = card;
        this.encoding = encoding;
        this.model = model;
        if (model instanceof LinearSGDModel linear) {
            this.scorer = new LinearScorer(linear, encoding, PropensityTrainer.POSITIVE);
        } else if (model instanceof XGBoostModel<?> boosted) {
            this.scorer = new BoostedScorer((XGBoostModel<Label>) boosted, encoding, PropensityTrainer.POSITIVE);
        } else {
            throw new IllegalArgumentException("model " + card.model() + ": cannot explain a " + model.getClass().getName());
        }
    }

    public ModelVersion version() {
        return card.model();
    }

    public ModelCard card() {
        return card;
    }

    /** The features the model reads: numeric then categorical, each sorted by name. */
    public List<String> features() {
        return encoding.features();
    }

    /** The Tribuo model inside, for checks against Tribuo's own predictions. */
    Model<Label> tribuoModel() {
        return model;
    }

    /** Tribuo's provenance of the model (trainer and its settings, data set, run values), as indented text. */
    public String tribuoProvenance() {
        return ProvenanceUtil.formattedProvenanceString(model.getProvenance());
    }

    public Score score(Example example) {
        return score(example, DEFAULT_TOP);
    }

    /** Scores one example, keeping the {@code top} largest contributions. */
    public Score score(Example example, int top) {
        RowScorer.Scored scored = scorer.score(new double[][]{encoding.encode(example)}, true);
        return score(example, scored.probabilities()[0], scored.shares()[0], top);
    }

    public List<Score> score(List<Example> examples) {
        return score(examples, DEFAULT_TOP);
    }

    /** Scores many examples in one pass through the model. */
    public List<Score> score(List<Example> examples, int top) {
        if (examples.isEmpty()) {
            return List.of();
        }
        RowScorer.Scored scored = scorer.score(encode(examples), true);
        List<Score> scores = new ArrayList<>(examples.size());
        for (int i = 0; i < examples.size(); i++) {
            scores.add(score(examples.get(i), scored.probabilities()[i], scored.shares()[i], top));
        }
        return scores;
    }

    /**
     * Probabilities only, without reasons: for evaluation and bulk ranking, where explaining every row (TreeSHAP
     * is most of a boosted model's scoring time) would be wasted.
     */
    public double[] probabilities(List<Example> examples) {
        return examples.isEmpty() ? new double[0] : scorer.score(encode(examples), false).probabilities();
    }

    /** Writes the model into {@code directory} (created if absent). */
    public void save(Path directory) throws IOException {
        Files.createDirectories(directory);
        model.serializeToFile(directory.resolve(MODEL_FILE));
        JSON.writeValue(directory.resolve(CARD_FILE).toFile(), card);
        JSON.writeValue(directory.resolve(ENCODING_FILE).toFile(), encoding.spec());
    }

    /** Reads a model written by {@link #save(Path)}. */
    public static PropensityModel load(Path directory) throws IOException {
        for (String file : List.of(MODEL_FILE, CARD_FILE, ENCODING_FILE)) {
            if (!Files.isRegularFile(directory.resolve(file))) {
                throw new IOException(directory + ": not a saved propensity model (no " + file + ")");
            }
        }
        ModelCard card = JSON.readValue(directory.resolve(CARD_FILE).toFile(), ModelCard.class);
        Encoding encoding = new Encoding(JSON.readValue(directory.resolve(ENCODING_FILE).toFile(), Encoding.Spec.class));
        Model<?> loaded = Model.deserializeFromFile(directory.resolve(MODEL_FILE));
        if (!loaded.validate(Label.class)) {
            throw new IOException(directory + ": " + MODEL_FILE + " is not a classification model");
        }
        @SuppressWarnings("unchecked")
        Model<Label> model = (Model<Label>) loaded;
        return new PropensityModel(card, encoding, model);
    }

    private double[][] encode(List<Example> examples) {
        double[][] rows = new double[examples.size()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = encoding.encode(examples.get(i));
        }
        return rows;
    }

    private Score score(Example example, double probability, double[] shares, int top) {
        int width = encoding.width();
        double[] byFeature = new double[encoding.features().size()];
        for (int col = 0; col < width; col++) {
            byFeature[encoding.featureOf(col)] += shares[col];
        }
        List<Integer> order = new ArrayList<>();
        for (int f = 0; f < byFeature.length; f++) {
            order.add(f);
        }
        order.sort(Comparator.comparingDouble((Integer f) -> -Math.abs(byFeature[f])));
        List<Contribution> contributions = new ArrayList<>();
        for (int f : order.subList(0, Math.min(Math.max(top, 0), order.size()))) {
            contributions.add(new Contribution(encoding.features().get(f), encoding.describe(example, f), byFeature[f]));
        }
        return new Score(example.id(), card.model(), probability, shares[width], contributions);
    }
}
