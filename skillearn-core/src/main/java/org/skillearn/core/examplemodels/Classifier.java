package org.skillearn.core.examplemodels;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.skillearn.core.data.EpochBatches;
import org.skillearn.core.data.ImageBatch;
import org.skillearn.core.objective.Bindings;

/** A model that scores classes, for evaluating accuracy after a search. */
public interface Classifier {

    /** Class scores [n, classes] for the batch. */
    INDArray logits(Bindings params, ImageBatch batch);

    /** The fraction of examples whose highest-scoring class is their label, over one pass. */
    static double accuracy(Classifier c, Bindings params, EpochBatches data) {
        long correct = 0;
        long total = 0;
        for (ImageBatch b : data) {
            INDArray predicted = c.logits(params, b).argMax(1);
            for (int i = 0; i < b.size(); i++) {
                if (predicted.getInt(i) == b.labelIndex(i)) {
                    correct++;
                }
            }
            total += b.size();
        }
        if (total == 0) {
            throw new IllegalArgumentException("cannot measure accuracy on an empty dataset");
        }
        return (double) correct / total;
    }
}
