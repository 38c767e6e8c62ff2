package org.skillearn.darts.evaluation;

/**
 * Which of DARTS' two evaluation networks an {@link EvaluationNetworkConfig} describes (Liu et al.
 * 2019, "DARTS: Differentiable Architecture Search", Sec. 3.3 and A.2; their {@code NetworkCIFAR}
 * and {@code NetworkImageNet}). Both stack the same {@link GenotypeCell}s and end in global
 * average pooling and a linear classifier; they differ in the stem and the auxiliary head.
 */
public enum NetworkKind {
    /**
     * One stem, conv3×3 (stride 1) to stemMultiplier·C channels → BN, feeding both inputs of the
     * first cell; {@code AuxiliaryHeadCIFAR} (with BN after its 768-channel convolution).
     */
    CIFAR("cifar"),
    /**
     * Two stride-2 stems, stem0: conv3×3 s2 to C/2 → BN → ReLU → conv3×3 s2 to C → BN, and stem1:
     * ReLU → conv3×3 s2 to C → BN on stem0's output, so the first cell reads a map at twice its
     * input's resolution (preprocessed by a factorized reduce) — images are divided by 8 before the
     * cells; {@code AuxiliaryHeadImageNet} (no BN after its 768-channel convolution, as DARTS'
     * code). DARTS pools the final 7×7 map of 224×224 inputs with a 7×7 average pool; this network
     * pools globally, which is the same there and lets smaller images through.
     */
    IMAGENET("imagenet");

    private final String cliName;

    NetworkKind(String cliName) {
        this.cliName = cliName;
    }

    /** The command-line spelling: {@code cifar} or {@code imagenet}. */
    public String cliName() {
        return cliName;
    }

    /**
     * Parses a command-line spelling.
     *
     * @throws IllegalArgumentException naming the text and the accepted names
     */
    public static NetworkKind parse(String s) {
        for (NetworkKind k : values()) {
            if (k.cliName.equals(s)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown network '" + s + "'; expected cifar or imagenet");
    }
}
