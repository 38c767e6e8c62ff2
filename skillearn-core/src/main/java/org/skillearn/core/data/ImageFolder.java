package org.skillearn.core.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * A labelled image dataset stored as files, one subfolder per class (torchvision's
 * {@code ImageFolder} layout): {@code DIR/<class>/<image>.jpg|.jpeg|.png}. Classes are the
 * subfolder names in sorted order (label 0 is the first); files are read in sorted order.
 *
 * <p>Training and test sets: when {@code DIR} has a {@code train/} subfolder and a {@code val/}
 * (or {@code test/}) subfolder, each is such a class folder tree and they must name the same
 * classes; otherwise every class's images are shuffled with {@link ImageFolderConfig#seed()} and
 * the first ⌊fraction·n⌉ (at least one when the class has two or more) are held out for testing.
 *
 * <p>Every image is decoded with {@code javax.imageio}, resized so its shorter side is
 * {@link ImageFolderConfig#resize()} and center-cropped to {@link ImageFolderConfig#size()}
 * ({@link ImageCrop}), as 3 RGB channels. Random crops and flips of training images are the
 * batches' {@link AugmentationConfig} (crop with padding, flip), drawn per epoch.
 */
public final class ImageFolder {

    private static final List<String> SPLIT_TRAIN = List.of("train");
    private static final List<String> SPLIT_TEST = List.of("val", "test");
    private static final String EXPECTED = "a folder with one subfolder per class (at least 2), each holding .jpg, .jpeg or .png"
            + " files, or train/ and val/ folders laid out so";

    private ImageFolder() {
    }

    /**
     * Reads the training and test sets of {@code dir}.
     *
     * @throws DatasetNotFoundException if {@code dir} is not a folder
     * @throws DatasetFormatException   naming the folder or file: fewer than 2 class folders, an empty
     *                                  class folder, an image that cannot be decoded, train and val
     *                                  naming different classes, no image left for testing
     */
    public static TrainTest load(Path dir, ImageFolderConfig config) throws DatasetException {
        if (!Files.isDirectory(dir)) {
            throw new DatasetNotFoundException(dir.toString(), "no such folder; expected " + EXPECTED);
        }
        Path train = dir.resolve(SPLIT_TRAIN.get(0));
        Path test = SPLIT_TEST.stream().map(dir::resolve).filter(Files::isDirectory).findFirst().orElse(null);
        if (Files.isDirectory(train) && test != null) {
            List<String> classes = classes(train);
            List<String> testClasses = classes(test);
            if (!classes.equals(testClasses)) {
                throw new DatasetFormatException(test.toString(), "class folders " + testClasses + " differ from " + train
                        + "'s " + classes);
            }
            String name = dir.getFileName() == null ? dir.toString() : dir.getFileName().toString();
            return new TrainTest(read(name + "/train", train, classes, filesByClass(train, classes), config),
                    read(name + "/" + test.getFileName(), test, classes, filesByClass(test, classes), config));
        }
        List<String> classes = classes(dir);
        List<List<Path>> files = filesByClass(dir, classes);
        List<List<Path>> trainFiles = new ArrayList<>();
        List<List<Path>> testFiles = new ArrayList<>();
        Random r = new Random(config.seed());
        for (List<Path> f : files) {
            List<Path> shuffled = new ArrayList<>(f);
            Collections.shuffle(shuffled, r);
            int held = f.size() < 2 ? 0 : (int) Math.max(1, Math.min(f.size() - 1, Math.round(config.testFraction() * f.size())));
            testFiles.add(shuffled.subList(0, held));
            trainFiles.add(shuffled.subList(held, f.size()));
        }
        if (testFiles.stream().allMatch(List::isEmpty)) {
            throw new DatasetFormatException(dir.toString(), "no class has two images, so none can be held out for testing;"
                    + " add images or give train/ and val/ folders");
        }
        String name = dir.getFileName() == null ? dir.toString() : dir.getFileName().toString();
        return new TrainTest(read(name + "/train", dir, classes, trainFiles, config),
                read(name + "/test", dir, classes, testFiles, config));
    }

    /** Sorted names of the class subfolders of {@code root}; at least two. */
    static List<String> classes(Path root) throws DatasetException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> s = Files.list(root)) {
            s.filter(Files::isDirectory).forEach(p -> names.add(p.getFileName().toString()));
        } catch (IOException e) {
            throw new DatasetNotFoundException(root.toString(), "cannot list the folder: " + e.getMessage());
        }
        Collections.sort(names);
        if (names.size() < 2) {
            throw new DatasetFormatException(root.toString(), "found " + names.size() + " class folder(s) " + names + "; expected "
                    + EXPECTED);
        }
        return names;
    }

    private static List<List<Path>> filesByClass(Path root, List<String> classes) throws DatasetException {
        List<List<Path>> out = new ArrayList<>();
        for (String c : classes) {
            Path folder = root.resolve(c);
            List<Path> images = new ArrayList<>();
            try (Stream<Path> s = Files.list(folder)) {
                s.filter(Files::isRegularFile).filter(ImageFolder::isImage).sorted().forEach(images::add);
            } catch (IOException e) {
                throw new DatasetNotFoundException(folder.toString(), "cannot list the class folder: " + e.getMessage());
            }
            if (images.isEmpty()) {
                throw new DatasetFormatException(folder.toString(), "class folder '" + c + "' holds no .jpg, .jpeg or .png file;"
                        + " every class needs at least one image");
            }
            out.add(images);
        }
        return out;
    }

    private static boolean isImage(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".png");
    }

    private static ImageDataset read(String name, Path root, List<String> classes, List<List<Path>> files, ImageFolderConfig config)
            throws DatasetException {
        int n = files.stream().mapToInt(List::size).sum();
        int size = config.size();
        int bytes = 3 * size * size;
        if ((long) n * bytes > Integer.MAX_VALUE - 8) {
            throw new DatasetFormatException(root.toString(), n + " images of 3x" + size + "x" + size + " do not fit in one array;"
                    + " use a smaller --image-size or fewer images");
        }
        byte[] pixels = new byte[n * bytes];
        int[] labels = new int[n];
        int i = 0;
        for (int c = 0; c < files.size(); c++) {
            for (Path f : files.get(c)) {
                ImageCrop.rgbCenterCrop(decode(f), config.resize(), size, pixels, i * bytes);
                labels[i++] = c;
            }
        }
        return ImageDataset.wrap(name, 3, size, size, classes.size(), classes, pixels, labels);
    }

    private static BufferedImage decode(Path f) throws DatasetException {
        BufferedImage image;
        try {
            image = ImageIO.read(f.toFile());
        } catch (IOException | RuntimeException e) {
            throw new DatasetFormatException(f.toString(), "cannot read the image: " + e.getMessage(), e);
        }
        if (image == null || image.getWidth() < 1 || image.getHeight() < 1) {
            throw new DatasetFormatException(f.toString(), "not a decodable JPEG or PNG image");
        }
        return image;
    }
}
