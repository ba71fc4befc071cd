package org.touchline.intelligence.propensity;

import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.provenance.ProvenanceUtil;
import com.oracle.labs.mlrg.olcut.provenance.primitives.StringProvenance;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.classification.xgboost.XGBoostClassificationTrainer;
import org.tribuo.common.xgboost.XGBoostTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Trains a propensity model on labelled examples with Tribuo. Everything learnt from data (the encoding's means,
 * scales and levels; any rebalancing) is learnt from the rows given here, so cross-validation that calls this once
 * per training fold keeps the held-out fold unseen.
 */
public final class PropensityTrainer {
    static final Label POSITIVE = new Label("positive");
    static final Label NEGATIVE = new Label("negative");

    private final HyperParameters parameters;

    public PropensityTrainer(HyperParameters parameters) {
        this.parameters = Objects.requireNonNull(parameters, "parameters");
    }

    public HyperParameters parameters() {
        return parameters;
    }

    public PropensityModel train(ModelVersion version, List<Example> training) {
        if (training.isEmpty()) {
            throw new IllegalArgumentException("model " + version + ": no training examples");
        }
        int positives = 0;
        for (Example e : training) {
            if (e.label() == null) {
                throw new IllegalArgumentException("model " + version + ": training example " + e.id() + " has no label");
            }
            positives += e.label() ? 1 : 0;
        }
        if (positives == 0 || positives == training.size()) {
            throw new IllegalArgumentException("model " + version + ": training needs both outcomes, got " + positives
                    + " positive of " + training.size());
        }
        Encoding encoding = Encoding.fit(training);
        List<org.tribuo.Example<Label>> rows = new ArrayList<>(training.size());
        for (Example e : training) {
            rows.add(new ArrayExample<>(e.label() ? POSITIVE : NEGATIVE, encoding.columnArray(), encoding.encode(e)));
        }
        rows = parameters.rebalancing().apply(rows, POSITIVE, parameters.seed());

        DataWindow window = DataWindow.of(training);
        LabelFactory labels = new LabelFactory();
        var source = new SimpleDataSourceProvenance("touchline propensity examples for " + version + ": "
                + training.size() + " rows, asOf " + window.from() + " .. " + window.to(),
                window.to().atOffset(ZoneOffset.UTC), labels);
        MutableDataset<Label> dataset = new MutableDataset<>(rows, source, labels);

        Map<String, Provenance> run = new LinkedHashMap<>();
        run.put("touchline-model", new StringProvenance("touchline-model", version.toString()));
        run.put("data-window-from", new StringProvenance("data-window-from", window.from().toString()));
        run.put("data-window-to", new StringProvenance("data-window-to", window.to().toString()));
        run.put("rebalancing", new StringProvenance("rebalancing", parameters.rebalancing().name()));
        Model<Label> model = tribuoTrainer().train(dataset, run);

        var card = new ModelCard(version, parameters, window, training.size(), positives,
                encoding.spec().numeric().stream().map(Encoding.Numeric::name).toList(),
                encoding.spec().categorical().stream().map(Encoding.Categorical::name).toList(),
                Instant.now(), ProvenanceUtil.convertToMap(model.getProvenance()));
        return new PropensityModel(card, encoding, model);
    }

    private Trainer<Label> tribuoTrainer() {
        if (parameters instanceof HyperParameters.Logistic p) {
            // Logging interval -1: Tribuo's SGD stays quiet.
            return new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(p.learningRate(), 0.1), p.epochs(), -1,
                    p.minibatchSize(), p.seed());
        }
        var p = (HyperParameters.Boosting) parameters;
        // One thread: deterministic, and polite on a shared machine; trees are small.
        return new XGBoostClassificationTrainer(XGBoostTrainer.BoosterType.GBTREE, XGBoostTrainer.TreeMethod.HIST,
                p.trees(), p.learningRate(), 0.0, p.maxDepth(), p.minChildWeight(), p.subsample(), p.columnSample(),
                p.l2(), 0.0, 1, XGBoostTrainer.LoggingVerbosity.SILENT, p.seed());
    }
}
