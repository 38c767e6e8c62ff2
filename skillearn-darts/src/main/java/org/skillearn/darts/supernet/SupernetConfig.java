package org.skillearn.darts.supernet;

/**
 * Shape of the DARTS search network (DARTS {@code model_search.Network}).
 *
 * @param channels        C, the initial cell channels (16 for CIFAR in DARTS)
 * @param layers          number of cells; reduction cells at ⌊layers/3⌋ and ⌊2·layers/3⌋
 * @param nodes           intermediate nodes per cell (4); the cell output concatenates them
 * @param inputChannels   image channels (1 for Fashion-MNIST, 3 for CIFAR)
 * @param classes         number of classes
 * @param stemMultiplier  stem output channels = stemMultiplier · C (3 in DARTS)
 */
public record SupernetConfig(int channels, int layers, int nodes, int inputChannels, int classes, int stemMultiplier) {

    public SupernetConfig {
        if (channels < 2) {
            throw new IllegalArgumentException("channels must be >= 2 (factorized reduce splits them), got " + channels);
        }
        if (layers < 1) {
            throw new IllegalArgumentException("layers must be >= 1, got " + layers);
        }
        if (nodes < 1) {
            throw new IllegalArgumentException("nodes must be >= 1, got " + nodes);
        }
        if (inputChannels < 1 || classes < 2 || stemMultiplier < 1) {
            throw new IllegalArgumentException("need inputChannels >= 1, classes >= 2, stemMultiplier >= 1, got "
                    + inputChannels + ", " + classes + ", " + stemMultiplier);
        }
    }

    /** DARTS' cell layout (4 nodes, stem multiplier 3) with the given sizes. */
    public static SupernetConfig of(int channels, int layers, int inputChannels, int classes) {
        return new SupernetConfig(channels, layers, 4, inputChannels, classes, 3);
    }

    public SupernetConfig withChannels(int c) {
        return new SupernetConfig(c, layers, nodes, inputChannels, classes, stemMultiplier);
    }

    public SupernetConfig withLayers(int l) {
        return new SupernetConfig(channels, l, nodes, inputChannels, classes, stemMultiplier);
    }

    /** Mixed edges per cell: Σ_{i<nodes} (2 + i) (14 for 4 nodes). */
    public int edgesPerCell() {
        return nodes * (nodes + 3) / 2;
    }

    /** Whether cell {@code i} is a reduction cell. */
    public boolean isReduction(int i) {
        return i == layers / 3 || i == 2 * layers / 3;
    }
}
