package org.touchline.intelligence.propensity;

import org.tribuo.Example;
import org.tribuo.classification.Label;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * How the trainer evens out a rare outcome. It is applied by {@link PropensityTrainer} to the rows it is given, so
 * under cross-validation it only ever sees the training folds. Both options shift predicted probabilities upwards:
 * the calibration table shows by how much.
 */
public enum Rebalancing {
    NONE {
        @Override
        List<Example<Label>> apply(List<Example<Label>> rows, Label positive, long seed) {
            return rows;
        }
    },
    /** Weights the rarer class so both classes carry the same total weight. */
    CLASS_WEIGHTS {
        @Override
        List<Example<Label>> apply(List<Example<Label>> rows, Label positive, long seed) {
            long positives = rows.stream().filter(r -> r.getOutput().equals(positive)).count();
            long negatives = rows.size() - positives;
            boolean positiveIsRare = positives < negatives;
            float weight = positiveIsRare ? (float) negatives / positives : (float) positives / negatives;
            for (Example<Label> row : rows) {
                if (row.getOutput().equals(positive) == positiveIsRare) {
                    row.setWeight(weight);
                }
            }
            return rows;
        }
    },
    /** Draws rows of the rarer class again (with replacement, seeded) until both classes have as many rows. */
    OVERSAMPLE {
        @Override
        List<Example<Label>> apply(List<Example<Label>> rows, Label positive, long seed) {
            List<Example<Label>> pos = new ArrayList<>();
            List<Example<Label>> neg = new ArrayList<>();
            for (Example<Label> row : rows) {
                (row.getOutput().equals(positive) ? pos : neg).add(row);
            }
            List<Example<Label>> rare = pos.size() < neg.size() ? pos : neg;
            int missing = Math.abs(pos.size() - neg.size());
            Random random = new Random(seed);
            List<Example<Label>> out = new ArrayList<>(rows);
            for (int i = 0; i < missing; i++) {
                out.add(rare.get(random.nextInt(rare.size())).copy());
            }
            return out;
        }
    };

    /** Rebalances labelled rows with both classes present; may set weights on, and reuse, the given rows. */
    abstract List<Example<Label>> apply(List<Example<Label>> rows, Label positive, long seed);
}
