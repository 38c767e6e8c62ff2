package org.skillearn.darts.supernet;

/**
 * The continuous relaxation of DARTS (Eq. 1 of the DARTS paper): each edge mixes its ops with
 * weights softmax(α_edge); the backward maps ∂L/∂w to ∂L/∂α_k = w_k (g_k − Σ_j w_j g_j).
 */
public final class ArchitectureSoftmax {

    private ArchitectureSoftmax() {
    }

    /** Row-wise softmax of an [edges × ops] matrix. */
    public static double[][] softmaxRows(double[][] alpha) {
        double[][] w = new double[alpha.length][];
        for (int e = 0; e < alpha.length; e++) {
            double max = Double.NEGATIVE_INFINITY;
            for (double a : alpha[e]) {
                max = Math.max(max, a);
            }
            double sum = 0;
            w[e] = new double[alpha[e].length];
            for (int k = 0; k < alpha[e].length; k++) {
                w[e][k] = Math.exp(alpha[e][k] - max);
                sum += w[e][k];
            }
            for (int k = 0; k < alpha[e].length; k++) {
                w[e][k] /= sum;
            }
        }
        return w;
    }

    /** ∂L/∂α from the softmax weights {@code w} and ∂L/∂w = {@code g}. */
    public static double[][] backward(double[][] w, double[][] g) {
        double[][] d = new double[w.length][];
        for (int e = 0; e < w.length; e++) {
            double dot = 0;
            for (int k = 0; k < w[e].length; k++) {
                dot += w[e][k] * g[e][k];
            }
            d[e] = new double[w[e].length];
            for (int k = 0; k < w[e].length; k++) {
                d[e][k] = w[e][k] * (g[e][k] - dot);
            }
        }
        return d;
    }
}
