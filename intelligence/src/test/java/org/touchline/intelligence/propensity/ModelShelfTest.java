package org.touchline.intelligence.propensity;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelShelfTest {
    private static final List<Example> TRAINING = new SyntheticCustomers(7).customers(0, 600);
    private static final PropensityTrainer TRAINER = new PropensityTrainer(new HyperParameters.Logistic(2, 0.1, 1, Rebalancing.NONE, 1));

    @TempDir
    Path root;

    @Test
    void eachTrainingOfANameShelvesTheNextVersion() throws Exception {
        var shelf = new ModelShelf(root);
        assertThat(shelf.train("churn", TRAINER, TRAINING).version()).hasToString("churn@1");
        assertThat(shelf.train("churn", TRAINER, TRAINING).version()).hasToString("churn@2");
        assertThat(shelf.train("upsell", TRAINER, TRAINING).version()).hasToString("upsell@1");
        assertThat(shelf.train("churn", TRAINER, TRAINING).version()).hasToString("churn@3");
        assertThat(shelf.versions("churn")).extracting(ModelVersion::version).containsExactly(1, 2, 3);
    }

    @Test
    void theLatestAndAGivenVersionAreServedFromDiskBySomeLaterShelf() throws Exception {
        var shelf = new ModelShelf(root);
        PropensityModel first = shelf.train("churn", TRAINER, TRAINING);
        PropensityModel second = shelf.train("churn", TRAINER, TRAINING.subList(0, 300));
        var reopened = new ModelShelf(root);
        assertThat(reopened.latest("churn").orElseThrow().card()).isEqualTo(second.card());
        assertThat(reopened.get(new ModelVersion("churn", 1)).card()).isEqualTo(first.card());
        assertThat(reopened.latest("upsell")).isEmpty();
    }

    @Test
    void aShelvedVersionIsNeverReplaced() throws Exception {
        var shelf = new ModelShelf(root);
        PropensityModel model = shelf.train("churn", TRAINER, TRAINING);
        assertThatThrownBy(() -> shelf.put(model)).isInstanceOf(IllegalStateException.class).hasMessageContaining("churn@1");
    }

    @Test
    void askingForAnAbsentVersionSaysWhichVersionsExist() throws Exception {
        var shelf = new ModelShelf(root);
        shelf.train("churn", TRAINER, TRAINING);
        assertThatThrownBy(() -> shelf.get(new ModelVersion("churn", 9)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("churn@9").hasMessageContaining("[churn@1]");
    }
}
