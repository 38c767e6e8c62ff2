package org.skillearn.core.examplemodels;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Per-example softmax cross-entropy −log softmax(z)_y and its gradient P − Y, computed stably. */
record SoftmaxCrossEntropy(INDArray losses, INDArray probabilities) {

    /** @param logits [n, c]; @param oneHot [n, c] */
    static SoftmaxCrossEntropy of(INDArray logits, INDArray oneHot) {
        INDArray shifted = logits.subColumnVector(logits.max(1).reshape(logits.size(0), 1));
        INDArray exp = Transforms.exp(shifted, true);
        INDArray sum = exp.sum(1).reshape(logits.size(0), 1);
        INDArray logSoftmax = shifted.subiColumnVector(Transforms.log(sum, true));
        INDArray losses = logSoftmax.mul(oneHot).sum(1).negi();
        return new SoftmaxCrossEntropy(losses, exp.diviColumnVector(sum));
    }

    /** (P − Y) ⊙ u per row: the gradient of Σ u_i ℓ_i with respect to the logits. */
    INDArray logitGradient(INDArray oneHot, INDArray upstream) {
        return probabilities.sub(oneHot).muliColumnVector(upstream.reshape(upstream.length(), 1));
    }
}
