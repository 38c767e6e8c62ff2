package org.skillearn.darts.resnet;

import java.util.Collections;
import java.util.List;

/**
 * Shape of a {@link ResNetEncoder}: a {@link StemKind stem} of {@code stemWidth} channels, then one
 * stage per entry of {@code widths}, stage s stacking {@code blocks.get(s)} residual blocks of
 * {@code block}'s kind; the first stage keeps the resolution, every later stage halves it (its
 * first block has stride 2). Stage s outputs {@code block.expansion() · widths.get(s)} channels;
 * the features are the last stage's, globally average-pooled.
 *
 * @param inputChannels image channels (1 for Fashion-MNIST, 3 for CIFAR)
 * @param stemWidth     channels of the stem convolution
 * @param widths        width of each stage (for bottlenecks: the 1×1/3×3 width, a quarter of the output)
 * @param blocks        residual blocks of each stage, one entry per width
 * @param block         basic block or bottleneck
 * @param stem          CIFAR (3×3, stride 1) or ImageNet (7×7 stride 2, max pool) stem
 */
public record ResNetConfig(int inputChannels, int stemWidth, List<Integer> widths, List<Integer> blocks, BlockKind block,
        StemKind stem) {

    public ResNetConfig {
        if (inputChannels < 1 || stemWidth < 1) {
            throw new IllegalArgumentException("ResNet needs inputChannels and stemWidth >= 1, got " + inputChannels + ", " + stemWidth);
        }
        if (widths == null || widths.isEmpty() || widths.stream().anyMatch(w -> w == null || w < 1)) {
            throw new IllegalArgumentException("ResNet stage widths must be a non-empty list of positive numbers, got " + widths);
        }
        if (blocks == null || blocks.size() != widths.size() || blocks.stream().anyMatch(b -> b == null || b < 1)) {
            throw new IllegalArgumentException("ResNet needs one block count >= 1 per stage (" + widths.size() + " stages), got "
                    + blocks);
        }
        if (block == null || stem == null) {
            throw new IllegalArgumentException("ResNet block and stem kinds must be given");
        }
        widths = List.copyOf(widths);
        blocks = List.copyOf(blocks);
    }

    /** Basic blocks, {@code blocksPerStage} in every stage, CIFAR stem. */
    public ResNetConfig(int inputChannels, int stemWidth, List<Integer> widths, int blocksPerStage) {
        this(inputChannels, stemWidth, widths, repeat(blocksPerStage, widths), BlockKind.BASIC, StemKind.CIFAR);
    }

    private static List<Integer> repeat(int n, List<Integer> widths) {
        if (n < 1) {
            throw new IllegalArgumentException("ResNet needs blocksPerStage >= 1, got " + n);
        }
        return Collections.nCopies(widths == null ? 0 : widths.size(), n);
    }

    /** ResNet-18 (stem 64; stages 64, 128, 256, 512 of two blocks each), the paper's tester encoder for 32×32 inputs. */
    public static ResNetConfig resnet18(int inputChannels) {
        return new ResNetConfig(inputChannels, 64, List.of(64, 128, 256, 512), 2);
    }

    /**
     * ResNet-50 (He et al. 2016, Table 1): stages of 3, 4, 6, 3 bottlenecks of widths 64, 128,
     * 256, 512 (outputs 256, 512, 1024, 2048), with the CIFAR stem (3×3 stride 1, no max pool)
     * that {@link #resnet18} also uses for 32×32 inputs. Features: 2048.
     */
    public static ResNetConfig resnet50(int inputChannels) {
        return new ResNetConfig(inputChannels, 64, List.of(64, 128, 256, 512), List.of(3, 4, 6, 3), BlockKind.BOTTLENECK,
                StemKind.CIFAR);
    }

    /** A scaled-down variant for 28×28 inputs and tests: stem 8; stages 8, 16, 32 of one block each. */
    public static ResNetConfig small(int inputChannels) {
        return new ResNetConfig(inputChannels, 8, List.of(8, 16, 32), 1);
    }

    /** The layout called {@code name} ({@code small}, {@code resnet18} or {@code resnet50}); the error lists them. */
    public static ResNetConfig named(String name, int inputChannels) {
        return switch (name) {
            case "small" -> small(inputChannels);
            case "resnet18" -> resnet18(inputChannels);
            case "resnet50" -> resnet50(inputChannels);
            default -> throw new IllegalArgumentException("unknown encoder '" + name + "'; expected small, resnet18 or resnet50");
        };
    }

    /** Output channels of stage {@code s}: its width times the block's expansion. */
    public int stageOutput(int s) {
        return widths.get(s) * block.expansion();
    }

    /** Length of the feature vector: the last stage's output channels. */
    public int featureWidth() {
        return stageOutput(widths.size() - 1);
    }

    public ResNetConfig withInputChannels(int c) {
        return new ResNetConfig(c, stemWidth, widths, blocks, block, stem);
    }

    /** The same layout with the given stem. */
    public ResNetConfig withStem(StemKind s) {
        return new ResNetConfig(inputChannels, stemWidth, widths, blocks, block, s);
    }
}
