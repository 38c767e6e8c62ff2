package org.skillearn.darts.resnet;

/**
 * The first layers of a {@link ResNetEncoder}, before the residual stages ({@link ResNetStem}).
 */
public enum StemKind {
    /**
     * conv3×3 stride 1 → BN → ReLU, no max pool: the usual adaptation of ResNet to 32×32 (and
     * 28×28) images, which keeps the resolution for the first stage.
     */
    CIFAR,
    /**
     * conv7×7 stride 2 → BN → ReLU → 3×3 max pool stride 2 (He et al. 2016, Table 1 "conv1" and
     * the pool of "conv2_x"): the ImageNet stem, a quarter of the resolution.
     */
    IMAGENET
}
