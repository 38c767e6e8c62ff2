package org.skillearn.interleave;

import java.util.Arrays;
import java.util.List;
import org.skillearn.core.data.ImageBatch;
import org.skillearn.core.examplemodels.EncodedClassifier;
import org.skillearn.core.examplemodels.GatedSoftmaxRegression;
import org.skillearn.core.examplemodels.TanhEncoder;
import org.skillearn.core.objective.ExampleFunction;
import org.skillearn.core.parameter.Learner;
import org.skillearn.core.parameter.ParameterKind;
import org.skillearn.core.parameter.ParameterSet;
import org.skillearn.darts.supernet.SupernetConfig;
import org.skillearn.darts.supernet.SupernetEncoder;

/** Ready-made interleaving learners. */
public final class TaskModels {

    private TaskModels() {
    }

    /**
     * A small learner for tests and demonstrations: a tanh encoder z = tanh((x ⊙ σ(A)) W) whose
     * inputs are gated by the shared architecture A (tensor "gate" [inputs]), and a softmax head H.
     */
    public static TaskModel<ImageBatch> gatedTanhEncoder(int inputs, int hidden, int classes) {
        return new TaskModel<>() {
            @Override
            public ParameterSet declareEncoder(Learner owner, String name) {
                return TanhEncoder.encoderSet(owner, name, inputs, hidden);
            }

            @Override
            public ParameterSet declareHead(Learner owner, String name) {
                return GatedSoftmaxRegression.linearSet(owner, name, ParameterKind.WEIGHTS, hidden, classes);
            }

            @Override
            public ExampleFunction<ImageBatch> loss(ParameterSet architecture, ParameterSet encoder, ParameterSet head) {
                return new EncodedClassifier(new TanhEncoder(encoder, architecture), head);
            }
        };
    }

    /**
     * One DARTS learner per entry of {@code classesPerTask}, all on one supernet encoder of shape
     * {@code network} (its class count is unused): the K learners of Section 4.3 with 10-way,
     * 100-way, … linear heads.
     */
    public static List<DartsTaskModel> dartsEncoder(SupernetConfig network, int... classesPerTask) {
        SupernetEncoder encoder = new SupernetEncoder(network);
        return Arrays.stream(classesPerTask).mapToObj(c -> new DartsTaskModel(encoder, c)).toList();
    }
}
