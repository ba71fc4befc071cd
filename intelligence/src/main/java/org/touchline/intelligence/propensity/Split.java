package org.touchline.intelligence.propensity;

import java.util.List;

/** A training part and a test part that share no group. */
public record Split(List<Example> train, List<Example> test) {
    public Split {
        train = List.copyOf(train);
        test = List.copyOf(test);
    }
}
