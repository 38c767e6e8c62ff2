package org.skillearn.darts.evaluation;

/**
 * Shape of the network trained from a genotype (DARTS {@code NetworkCIFAR}: C = 36, 20 cells
 * for CIFAR-10; {@code NetworkImageNet}: C = 48, 14 cells, the mobile setting).
 *
 * @param channels       C, the initial cell channels
 * @param layers         number of cells; reduction cells at ⌊layers/3⌋ and ⌊2·layers/3⌋
 * @param inputChannels  image channels
 * @param classes        number of classes
 * @param stemMultiplier CIFAR stem output channels = stemMultiplier · C (3 in DARTS); the ImageNet
 *                       stems always give C
 * @param auxiliary      whether the auxiliary head is built (after the cell at ⌊2·layers/3⌋)
 * @param kind           the CIFAR or the ImageNet network (stem and auxiliary head)
 */
public record EvaluationNetworkConfig(int channels, int layers, int inputChannels, int classes, int stemMultiplier,
        boolean auxiliary, NetworkKind kind) {

    /** DARTS' initial channels for ImageNet in the mobile setting (Sec. 3.3 and A.2). */
    public static final int IMAGENET_CHANNELS = 48;
    /** DARTS' cells for ImageNet in the mobile setting. */
    public static final int IMAGENET_LAYERS = 14;

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
        if (kind == null) {
            throw new IllegalArgumentException("the network kind (cifar or imagenet) must be given");
        }
    }

    /** The CIFAR network. */
    public EvaluationNetworkConfig(int channels, int layers, int inputChannels, int classes, int stemMultiplier, boolean auxiliary) {
        this(channels, layers, inputChannels, classes, stemMultiplier, auxiliary, NetworkKind.CIFAR);
    }

    /** DARTS' CIFAR layout (stem multiplier 3) with the given sizes, auxiliary head on. */
    public static EvaluationNetworkConfig of(int channels, int layers, int inputChannels, int classes) {
        return new EvaluationNetworkConfig(channels, layers, inputChannels, classes, 3, true);
    }

    /** DARTS' ImageNet layout (two stride-2 stems) with the given sizes, auxiliary head on. */
    public static EvaluationNetworkConfig imagenet(int channels, int layers, int inputChannels, int classes) {
        return new EvaluationNetworkConfig(channels, layers, inputChannels, classes, 1, true, NetworkKind.IMAGENET);
    }

    public EvaluationNetworkConfig withAuxiliary(boolean a) {
        return new EvaluationNetworkConfig(channels, layers, inputChannels, classes, stemMultiplier, a, kind);
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
