package org.skillearn.darts.supernet;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.skillearn.core.parameter.ParameterSet;
import org.skillearn.darts.ops.Primitive;

/**
 * The mixing weights of every mixed edge, from the architecture A = (α_normal, α_reduce): the
 * continuous relaxation softmax(α_edge) of DARTS (Eq. 1 of the DARTS paper) over the operations the
 * supernet's {@link CandidateMask} keeps (all in DARTS; 0 for a dropped one), plus β on the
 * {@code skip_connect} column when the supernet's {@link AuxiliarySkip} is on (DARTS⁻). The reverse
 * map takes ∂L/∂(mixing weights) to ∂L/∂A through the softmax alone, β being a constant.
 * Shared by every loss on the supernet, so they mix edges one way.
 */
final class EdgeWeights {

    private final ParameterSet architecture;
    private final double[][] softNormal;
    private final double[][] softReduce;
    private final double[][] mixNormal;
    private final double[][] mixReduce;

    private EdgeWeights(ParameterSet architecture, INDArray a, double beta, CandidateMask mask) {
        this.architecture = architecture;
        double[][] alphaNormal = architecture.layout().view(a, SupernetParameters.ALPHA_NORMAL).toDoubleMatrix();
        double[][] alphaReduce = architecture.layout().view(a, SupernetParameters.ALPHA_REDUCE).toDoubleMatrix();
        if (!mask.isFull()) {
            alphaNormal = mask.maskAlpha(false, alphaNormal);
            alphaReduce = mask.maskAlpha(true, alphaReduce);
        }
        this.softNormal = ArchitectureSoftmax.softmaxRows(alphaNormal);
        this.softReduce = ArchitectureSoftmax.softmaxRows(alphaReduce);
        this.mixNormal = withSkip(softNormal, beta);
        this.mixReduce = withSkip(softReduce, beta);
    }

    /** The weights of {@code net}'s edges for the architecture value {@code a} (flat, of {@code architecture}'s layout). */
    static EdgeWeights of(Supernet net, ParameterSet architecture, INDArray a) {
        return new EdgeWeights(architecture, a, net.auxiliarySkip().beta(), net.candidates());
    }

    private static double[][] withSkip(double[][] w, double beta) {
        if (beta == 0) {
            return w;
        }
        double[][] m = new double[w.length][];
        for (int e = 0; e < w.length; e++) {
            m[e] = w[e].clone();
            m[e][Primitive.SKIP_CONNECT.ordinal()] += beta;
        }
        return m;
    }

    /** Mixing weights of the normal cells' edges [edges][8]. */
    double[][] normal() {
        return mixNormal;
    }

    /** Mixing weights of the reduction cells' edges [edges][8]. */
    double[][] reduce() {
        return mixReduce;
    }

    /** Zeroed accumulators for ∂L/∂(mixing weights) of the normal and reduction edges. */
    double[][][] newGradients() {
        return new double[][][] {new double[softNormal.length][softNormal[0].length],
            new double[softReduce.length][softReduce[0].length]};
    }

    /** Writes ∂L/∂A into {@code gA} (flat, of the architecture's layout) from ∂L/∂(mixing weights). */
    void writeArchitectureGradient(double[][] dNormal, double[][] dReduce, INDArray gA) {
        architecture.layout().view(gA, SupernetParameters.ALPHA_NORMAL)
                .assign(Nd4j.create(ArchitectureSoftmax.backward(softNormal, dNormal)).castTo(gA.dataType()));
        architecture.layout().view(gA, SupernetParameters.ALPHA_REDUCE)
                .assign(Nd4j.create(ArchitectureSoftmax.backward(softReduce, dReduce)).castTo(gA.dataType()));
    }
}
