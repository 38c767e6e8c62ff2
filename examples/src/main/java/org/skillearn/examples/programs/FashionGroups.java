package org.skillearn.examples.programs;

import java.util.List;
import org.skillearn.core.data.ImageDataset;

/**
 * The second Fashion-MNIST task for interleaving learning: the same images labelled with a coarse
 * grouping of the ten classes into tops (T-shirt/top, pullover, dress, coat, shirt), bottoms
 * (trouser), footwear (sandal, sneaker, ankle boot) and bags (bag). The two tasks share images
 * but not labels, so an encoder trained for one is a meaningful start for the other, as CIFAR-10
 * and CIFAR-100 are in the paper (Section 4.3).
 */
public final class FashionGroups {

    /** Coarse group of each fine class 0..9. */
    private static final int[] GROUP = {0, 1, 0, 0, 0, 2, 0, 2, 3, 2};
    private static final List<String> NAMES = List.of("tops", "bottoms", "footwear", "bags");

    private FashionGroups() {
    }

    /** {@code data} relabelled with the four coarse groups. */
    public static ImageDataset coarse(ImageDataset data) {
        if (data.numClasses() != 10) {
            throw new IllegalArgumentException("the coarse grouping is defined for Fashion-MNIST's 10 classes; '"
                    + data.name() + "' has " + data.numClasses());
        }
        int[] labels = data.labels();
        int[] coarse = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            coarse[i] = GROUP[labels[i]];
        }
        return data.relabel(data.name() + "-coarse", coarse, NAMES.size(), NAMES);
    }
}
