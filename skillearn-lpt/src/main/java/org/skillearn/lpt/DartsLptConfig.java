package org.skillearn.lpt;

import org.skillearn.darts.resnet.ResNetConfig;
import org.skillearn.darts.supernet.SupernetConfig;

/**
 * An LPT search with the DARTS supernet as the testee and a ResNet tester (Section 3.2.2).
 *
 * @param network       the testee's supernet (A and W)
 * @param encoder       the tester's data encoder E; its input channels must match the supernet's
 * @param lpt           λ, γ and the ablation
 * @param epochs        epochs of the cosine learning-rate schedules
 * @param stepsPerEpoch solver steps per epoch
 */
public record DartsLptConfig(SupernetConfig network, ResNetConfig encoder, LptConfig lpt, int epochs, long stepsPerEpoch) {

    public DartsLptConfig {
        if (network == null || encoder == null || lpt == null) {
            throw new IllegalArgumentException("DARTS LPT needs a supernet, an encoder and an LPT configuration");
        }
        if (encoder.inputChannels() != network.inputChannels()) {
            throw new IllegalArgumentException("the tester's encoder reads " + encoder.inputChannels()
                    + " image channels, the supernet " + network.inputChannels());
        }
        if (epochs < 1 || stepsPerEpoch < 1) {
            throw new IllegalArgumentException("epochs and steps per epoch must be positive, got " + epochs + ", " + stepsPerEpoch);
        }
    }

    public DartsLptConfig withLpt(LptConfig c) {
        return new DartsLptConfig(network, encoder, c, epochs, stepsPerEpoch);
    }
}
