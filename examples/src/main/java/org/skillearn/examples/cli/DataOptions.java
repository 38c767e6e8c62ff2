package org.skillearn.examples.cli;

import java.nio.file.Path;
import org.skillearn.examples.programs.DatasetChoice;
import picocli.CommandLine.Option;

/** {@code --dataset} and {@code --data-dir}, shared by search, evaluate and experiment (a picocli mixin). */
final class DataOptions {

    @Option(names = "--dataset", defaultValue = "fashion-mnist", converter = TypedOptions.DatasetConverter.class, paramLabel = "DATASET",
            completionCandidates = TypedOptions.DatasetNames.class, description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    DatasetChoice dataset;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "folder with the dataset's files (default for fashion-mnist: the bundled"
            + " 6,000 + 1,000 image subset; the full set: /usr/share/datasets/fashion-mnist); for folder: one subfolder of JPEG/PNG"
            + " images per class, or train/ and val/ folders laid out so (otherwise 20%% of each class is held out for testing)")
    Path dataDir;

    /** The dataset's command-line name, as run configurations record it. */
    String datasetName() {
        return dataset.cliName();
    }
}
