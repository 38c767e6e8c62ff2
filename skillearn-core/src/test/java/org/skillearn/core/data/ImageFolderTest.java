package org.skillearn.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ImageFolder} on small PNG and JPEG files written into a temporary folder. */
class ImageFolderTest {

    static final int RED = 0xFF0000;
    static final int BLUE = 0x0000FF;

    /** Writes a w × h image, left half {@code left}, right half {@code right}, as PNG (or JPEG by the name). */
    static void write(Path file, int w, int h, int left, int right) throws IOException {
        BufferedImage im = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                im.setRGB(x, y, x < w / 2 ? left : right);
            }
        }
        Files.createDirectories(file.getParent());
        String format = file.toString().endsWith(".png") ? "png" : "jpg";
        assertTrue(ImageIO.write(im, format, file.toFile()), "no " + format + " writer");
    }

    /** Two classes (cat: red images, dog: blue ones), five images each, of assorted sizes. */
    static void twoClasses(Path dir) throws IOException {
        for (int i = 0; i < 5; i++) {
            write(dir.resolve("cat/c" + i + ".png"), 12 + 2 * i, 10 + i, RED, RED);
            write(dir.resolve("dog/d" + i + ".png"), 10 + i, 14, BLUE, BLUE);
        }
    }

    private static int pixel(ImageDataset d, int image, int c, int y, int x) {
        int s = d.height();
        return d.pixelBuffer()[image * 3 * s * s + c * s * s + y * s + x] & 0xFF;
    }

    @Test
    void classesAreSubfoldersAndAFractionIsHeldOutPerClass(@TempDir Path dir) throws IOException {
        twoClasses(dir);
        TrainTest data = ImageFolder.load(dir, new ImageFolderConfig(8, 8, 0.2, 3));
        assertEquals(List.of("cat", "dog"), data.train().classNames());
        assertEquals(8, data.train().size());
        assertEquals(2, data.test().size());
        assertEquals(3, data.train().channels());
        assertEquals(8, data.train().height());
        assertEquals(8, data.train().width());
        int[] counts = new int[2];
        for (int i = 0; i < data.test().size(); i++) {
            counts[data.test().label(i)]++;
        }
        assertArrayEquals(new int[] {1, 1}, counts, "one test image per class");
        for (int i = 0; i < data.train().size(); i++) {
            int label = data.train().label(i);
            assertEquals(label == 0 ? 255 : 0, pixel(data.train(), i, 0, 4, 4), "red channel of image " + i);
            assertEquals(label == 0 ? 0 : 255, pixel(data.train(), i, 2, 4, 4), "blue channel of image " + i);
        }
        TrainTest again = ImageFolder.load(dir, new ImageFolderConfig(8, 8, 0.2, 3));
        assertArrayEquals(data.test().pixelBuffer(), again.test().pixelBuffer(), "same seed, same split");
    }

    @Test
    void theSplitDependsOnTheSeed(@TempDir Path dir) throws IOException {
        for (int i = 0; i < 10; i++) {
            write(dir.resolve("a/" + i + ".png"), 4, 4, i * 20, i * 20);
            write(dir.resolve("b/" + i + ".png"), 4, 4, 0x00FF00 + i, 0x00FF00 + i);
        }
        byte[] one = ImageFolder.load(dir, new ImageFolderConfig(4, 4, 0.3, 1)).test().pixelBuffer();
        byte[] two = ImageFolder.load(dir, new ImageFolderConfig(4, 4, 0.3, 2)).test().pixelBuffer();
        assertEquals(3 * 2 * 3 * 16, one.length, "3 of 10 per class held out");
        assertTrue(!Arrays.equals(one, two), "seeds 1 and 2 hold out the same images");
    }

    /** A 20×10 image, red left half and blue right half: resized to shorter side 10 (no change), the centered 10×10 is half and half. */
    @Test
    void theCenterCropOfAWideImageKeepsItsMiddle(@TempDir Path dir) throws IOException {
        write(dir.resolve("train/x/wide.png"), 20, 10, RED, BLUE);
        write(dir.resolve("train/y/wide.png"), 20, 10, RED, BLUE);
        write(dir.resolve("val/x/wide.png"), 20, 10, RED, BLUE);
        write(dir.resolve("val/y/wide.png"), 20, 10, RED, BLUE);
        ImageDataset d = ImageFolder.load(dir, new ImageFolderConfig(10, 10, 0.2, 0)).train();
        for (int x = 0; x < 10; x++) {
            assertEquals(x < 5 ? 255 : 0, pixel(d, 0, 0, 3, x), "red at column " + x);
            assertEquals(x < 5 ? 0 : 255, pixel(d, 0, 2, 3, x), "blue at column " + x);
        }
        // shorter side 20 first: 40×20, crop columns 15..24, sampling source x = (col + 0.5)/2 − 0.5, so column 4 of the
        // crop reads x = 9.25 (¾ red, ¼ blue: 191, 64) and column 5 reads x = 9.75 (¼ red, ¾ blue)
        ImageDataset zoomed = ImageFolder.load(dir, new ImageFolderConfig(10, 20, 0.2, 0)).train();
        assertEquals(255, pixel(zoomed, 0, 0, 5, 3));
        assertEquals(191, pixel(zoomed, 0, 0, 5, 4));
        assertEquals(64, pixel(zoomed, 0, 2, 5, 4));
        assertEquals(64, pixel(zoomed, 0, 0, 5, 5));
        assertEquals(191, pixel(zoomed, 0, 2, 5, 5));
        assertEquals(255, pixel(zoomed, 0, 2, 5, 6));
    }

    @Test
    void trainAndValFoldersAreTheSplitAndJpegIsRead(@TempDir Path dir) throws IOException {
        write(dir.resolve("train/a/1.png"), 6, 6, RED, RED);
        write(dir.resolve("train/a/2.jpg"), 6, 6, RED, RED);
        write(dir.resolve("train/b/1.jpeg"), 6, 6, BLUE, BLUE);
        write(dir.resolve("val/a/1.png"), 6, 6, RED, RED);
        write(dir.resolve("val/b/1.png"), 9, 7, BLUE, BLUE);
        Files.writeString(dir.resolve("train/b/notes.txt"), "not an image, ignored");
        TrainTest data = ImageFolder.load(dir, ImageFolderConfig.of(4));
        assertEquals(3, data.train().size());
        assertEquals(2, data.test().size());
        assertArrayEquals(new int[] {0, 0, 1}, new int[] {data.train().label(0), data.train().label(1), data.train().label(2)});
        assertTrue(pixel(data.train(), 1, 0, 2, 2) > 240, "JPEG red survives compression");
        assertEquals(2, data.test().label(1) + 1);
    }

    @Test
    void errorsNameTheFolderOrFileAndWhatWasExpected(@TempDir Path dir) throws IOException {
        Path one = dir.resolve("one");
        write(one.resolve("only/a.png"), 4, 4, RED, RED);
        DatasetException few = assertThrows(DatasetFormatException.class, () -> ImageFolder.load(one, ImageFolderConfig.of(4)));
        assertTrue(few.getMessage().startsWith(one.toString()) && few.getMessage().contains("at least 2"), few.getMessage());

        Path empty = dir.resolve("empty");
        write(empty.resolve("a/a.png"), 4, 4, RED, RED);
        Files.createDirectories(empty.resolve("b"));
        DatasetException noImages = assertThrows(DatasetFormatException.class, () -> ImageFolder.load(empty, ImageFolderConfig.of(4)));
        assertTrue(noImages.getMessage().startsWith(empty.resolve("b").toString()) && noImages.getMessage().contains("no .jpg"),
                noImages.getMessage());

        Path broken = dir.resolve("broken");
        twoClasses(broken);
        Files.write(broken.resolve("dog/zz.png"), new byte[] {1, 2, 3, 4, 5});
        DatasetException bad = assertThrows(DatasetFormatException.class, () -> ImageFolder.load(broken, ImageFolderConfig.of(4)));
        assertTrue(bad.getMessage().startsWith(broken.resolve("dog/zz.png").toString()), bad.getMessage());

        Path mismatch = dir.resolve("mismatch");
        write(mismatch.resolve("train/a/1.png"), 4, 4, RED, RED);
        write(mismatch.resolve("train/b/1.png"), 4, 4, RED, RED);
        write(mismatch.resolve("val/a/1.png"), 4, 4, RED, RED);
        write(mismatch.resolve("val/c/1.png"), 4, 4, RED, RED);
        DatasetException differ = assertThrows(DatasetFormatException.class, () -> ImageFolder.load(mismatch, ImageFolderConfig.of(4)));
        assertTrue(differ.getMessage().contains("[a, c]") && differ.getMessage().contains("[a, b]"), differ.getMessage());

        assertThrows(DatasetNotFoundException.class, () -> ImageFolder.load(dir.resolve("nope"), ImageFolderConfig.of(4)));
        assertThrows(IllegalArgumentException.class, () -> new ImageFolderConfig(8, 4, 0.2, 0));
        assertThrows(IllegalArgumentException.class, () -> new ImageFolderConfig(8, 8, 1.0, 0));
        assertNotEquals(ImageFolderConfig.of(4), ImageFolderConfig.of(5));
    }
}
