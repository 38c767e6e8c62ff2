package org.skillearn.examples.programs;

/** The ResNet encoder of LPT's tester on the DARTS supernet. */
public enum EncoderChoice {
    /** ResNet-18 for images larger than 28 × 28, the small encoder otherwise. */
    AUTO("auto"),
    /** 8/16/32 channels, one basic block per stage. */
    SMALL("small"),
    /** ResNet-18 (He et al. 2016), as the paper's LPT-R18 rows. */
    RESNET18("resnet18"),
    /** ResNet-50 (He et al. 2016): [3, 4, 6, 3] bottleneck stages, 2,048 features, with ResNet-18's 3×3 CIFAR stem. */
    RESNET50("resnet50");

    private final String cliName;

    EncoderChoice(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }

    /**
     * Parses a command-line spelling.
     *
     * @throws IllegalArgumentException naming the text and the accepted names
     */
    public static EncoderChoice parse(String s) {
        return CliNames.parse(values(), EncoderChoice::cliName, s, "encoder");
    }
}
