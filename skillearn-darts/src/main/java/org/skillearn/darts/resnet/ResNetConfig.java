package org.skillearn.darts.resnet;

import java.util.List;

/**
 * Shape of a {@link ResNetEncoder}: a 3×3 stem of {@code stemWidth} channels, then one stage per
 * entry of {@code widths}, each of {@code blocksPerStage} BasicBlocks; the first stage keeps the
 * resolution, every later stage halves it (the CIFAR ResNet layout). Features: the last width.
 *
 * @param inputChannels  image channels (1 for Fashion-MNIST, 3 for CIFAR)
 * @param stemWidth      channels of the stem convolution
 * @param widths         channels of each stage
 * @param blocksPerStage BasicBlocks per stage
 */
public record ResNetConfig(int inputChannels, int stemWidth, List<Integer> widths, int blocksPerStage) {

    public ResNetConfig {
        if (inputChannels < 1 || stemWidth < 1 || blocksPerStage < 1) {
            throw new IllegalArgumentException("ResNet needs inputChannels, stemWidth and blocksPerStage >= 1, got "
                    + inputChannels + ", " + stemWidth + ", " + blocksPerStage);
        }
        if (widths == null || widths.isEmpty() || widths.stream().anyMatch(w -> w == null || w < 1)) {
            throw new IllegalArgumentException("ResNet stage widths must be a non-empty list of positive numbers, got " + widths);
        }
        widths = List.copyOf(widths);
    }

    /** ResNet-18 (stem 64; stages 64, 128, 256, 512 of two blocks each), the paper's tester encoder for 32×32 inputs. */
    public static ResNetConfig resnet18(int inputChannels) {
        return new ResNetConfig(inputChannels, 64, List.of(64, 128, 256, 512), 2);
    }

    /** A scaled-down variant for 28×28 inputs and tests: stem 8; stages 8, 16, 32 of one block each. */
    public static ResNetConfig small(int inputChannels) {
        return new ResNetConfig(inputChannels, 8, List.of(8, 16, 32), 1);
    }

    /** The layout called {@code name} ({@code small} or {@code resnet18}); the error lists both. */
    public static ResNetConfig named(String name, int inputChannels) {
        return switch (name) {
            case "small" -> small(inputChannels);
            case "resnet18" -> resnet18(inputChannels);
            default -> throw new IllegalArgumentException("unknown encoder '" + name + "'; expected small or resnet18");
        };
    }

    /** Length of the feature vector: the last stage's width. */
    public int featureWidth() {
        return widths.get(widths.size() - 1);
    }

    public ResNetConfig withInputChannels(int c) {
        return new ResNetConfig(c, stemWidth, widths, blocksPerStage);
    }
}
