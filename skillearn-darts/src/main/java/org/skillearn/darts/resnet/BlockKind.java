package org.skillearn.darts.resnet;

import org.skillearn.darts.ops.Block;

/** The residual block a {@link ResNetConfig} stacks: ResNet-18/34's basic block or ResNet-50's bottleneck. */
public enum BlockKind {
    /** Two 3×3 convolutions ({@link ResidualBlock#basic}); output channels = the stage width. */
    BASIC(1),
    /** 1×1 reduce, 3×3, 1×1 expand ({@link ResidualBlock#bottleneck}); output channels = 4 × the stage width. */
    BOTTLENECK(ResidualBlock.EXPANSION);

    private final int expansion;

    BlockKind(int expansion) {
        this.expansion = expansion;
    }

    /** Output channels per unit of stage width: 1 (basic) or 4 (bottleneck). */
    public int expansion() {
        return expansion;
    }

    /** A block of this kind from {@code cIn} channels to {@code expansion() · width}, the first convolution at {@code stride}. */
    Block create(String prefix, long cIn, long width, int stride) {
        return this == BASIC ? ResidualBlock.basic(prefix, cIn, width, stride) : ResidualBlock.bottleneck(prefix, cIn, width, stride);
    }
}
