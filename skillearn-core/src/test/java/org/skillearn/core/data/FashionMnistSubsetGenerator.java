package org.skillearn.core.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Regenerates the bundled Fashion-MNIST subset from the full data ({@link FashionMnist#subsetOf}):
 * 600 training and 100 test images per class, seed {@link FashionMnist#SUBSET_SEED}, written as
 * gzip IDX files. Run from the repository root (with the Debian package installed):
 *
 * <pre>
 * mvn -q -pl skillearn-core test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.skillearn.core.data.FashionMnistSubsetGenerator \
 *     -Dexec.args="/usr/share/datasets/fashion-mnist skillearn-core/src/main/resources/org/skillearn/core/data/fashion-mnist-subset"
 * </pre>
 *
 * Arguments (both optional): the full data's folder (default {@link FashionMnist#DEBIAN_FOLDER})
 * and the output folder (default the resource folder above, relative to the repository root).
 */
public final class FashionMnistSubsetGenerator {

    private FashionMnistSubsetGenerator() {
    }

    /** Entry point; see the class comment for the arguments. */
    public static void main(String[] args) throws IOException {
        Path source = args.length > 0 ? Path.of(args[0]) : FashionMnist.DEBIAN_FOLDER;
        Path out = args.length > 1 ? Path.of(args[1])
                : Path.of("skillearn-core/src/main/resources/org/skillearn/core/data/fashion-mnist-subset");
        TrainTest subset = FashionMnist.subsetOf(FashionMnist.load(source));
        Files.createDirectories(out);
        write(subset.train(), out.resolve(FashionMnist.TRAIN_IMAGES + ".gz"), out.resolve(FashionMnist.TRAIN_LABELS + ".gz"));
        write(subset.test(), out.resolve(FashionMnist.TEST_IMAGES + ".gz"), out.resolve(FashionMnist.TEST_LABELS + ".gz"));
        System.out.println("wrote " + subset.train() + " and " + subset.test() + " to " + out.toAbsolutePath());
    }

    private static void write(ImageDataset data, Path images, Path labels) throws IOException {
        IdxWriter.writeImages(images, new IdxImages(data.size(), data.height(), data.width(), data.pixelBuffer()));
        IdxWriter.writeLabels(labels, data.labels());
    }
}
