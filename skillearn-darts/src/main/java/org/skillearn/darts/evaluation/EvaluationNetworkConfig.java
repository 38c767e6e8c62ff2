package org.skillearn.darts.evaluation;

/**
 * Shape of the network trained from a genotype (DARTS {@code NetworkCIFAR}: C = 36, 20 cells
 * for CIFAR-10).
 *
 * @param channels       C, the initial cell channels
 * @param layers         number of cells; reduction cells at ⌊layers/3⌋ and ⌊2·layers/3⌋
 * @param inputChannels  image channels
 * @param classes        number of classes
 * @param stemMultiplier stem output channels = stemMultiplier · C (3 in DARTS)
 * @param auxiliary      whether the auxiliary head is built (after the cell at ⌊2·layers/3⌋)
 */
public record EvaluationNetworkConfig(int channels, int layers, int inputChannels, int classes, int stemMultiplier,
        boolean auxiliary) {

    public EvaluationNetworkConfig {
        if (channels < 2) {
            throw new IllegalArgumentException("channels must be >= 2, got " + channels);
        }
        if (layers < 3) {
            throw new IllegalArgumentException("layers must be >= 3 (two reduction cells and a normal one), got " + layers);
        }
        if (inputChannels < 1 || classes < 2 || stemMultiplier < 1) {
            throw new IllegalArgumentException("need inputChannels >= 1, classes >= 2, stemMultiplier >= 1, got "
                    + inputChannels + ", " + classes + ", " + stemMultiplier);
        }
    }

    /** DARTS' layout (stem multiplier 3) with the given sizes, auxiliary head on. */
    public static EvaluationNetworkConfig of(int channels, int layers, int inputChannels, int classes) {
        return new EvaluationNetworkConfig(channels, layers, inputChannels, classes, 3, true);
    }

    public EvaluationNetworkConfig withAuxiliary(boolean a) {
        return new EvaluationNetworkConfig(channels, layers, inputChannels, classes, stemMultiplier, a);
    }

    /** Whether cell {@code i} is a reduction cell. */
    public boolean isReduction(int i) {
        return i == layers / 3 || i == 2 * layers / 3;
    }

    /** Index of the cell after which the auxiliary head reads. */
    public int auxiliaryCell() {
        return 2 * layers / 3;
    }
}
