package org.skillearn.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skillearn.darts.evaluation.EvaluationNetwork;
import org.skillearn.darts.evaluation.EvaluationNetworkConfig;
import org.skillearn.darts.genotype.Genotype;
import org.skillearn.examples.cli.Skillearn;

/** {@code evaluate --network imagenet --dataset folder} end to end on small generated PNG files. */
class ImageFolderEvaluateCommandLineTest {

    private static final String DARTS_V2 = "Genotype(normal=[('sep_conv_3x3', 0), ('sep_conv_3x3', 1), ('sep_conv_3x3', 0), "
            + "('sep_conv_3x3', 1), ('sep_conv_3x3', 1), ('skip_connect', 0), ('skip_connect', 0), ('dil_conv_3x3', 2)], "
            + "normal_concat=[2, 3, 4, 5], reduce=[('max_pool_3x3', 0), ('max_pool_3x3', 1), ('skip_connect', 2), "
            + "('max_pool_3x3', 1), ('max_pool_3x3', 0), ('skip_connect', 2), ('skip_connect', 2), ('max_pool_3x3', 1)], "
            + "reduce_concat=[2, 3, 4, 5])";
    private static final int[] COLOURS = {0xD02020, 0x20D020, 0x2020D0};

    /** Three classes of noisy images in one colour each, six per class, of sizes between 30 and 45 pixels. */
    private static void images(Path dir) throws IOException {
        Random r = new Random(1);
        String[] classes = {"red", "green", "blue"};
        for (int c = 0; c < 3; c++) {
            Files.createDirectories(dir.resolve(classes[c]));
            for (int i = 0; i < 6; i++) {
                int w = 30 + r.nextInt(16);
                int h = 30 + r.nextInt(16);
                BufferedImage im = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        im.setRGB(x, y, COLOURS[c] ^ r.nextInt(0x30) ^ (r.nextInt(0x30) << 8));
                    }
                }
                ImageIO.write(im, "png", dir.resolve(classes[c]).resolve(i + ".png").toFile());
            }
        }
    }

    @Test
    void evaluateTrainsTheImageNetNetworkOnAnImageFolder(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("photos");
        images(data);
        Path eval = dir.resolve("eval");
        assertEquals(0, Skillearn.execute("evaluate", "--network", "imagenet", "--dataset", "folder", "--data-dir", data.toString(),
                "--image-size", "32", "--channels", "4", "--layers", "3", "--epochs", "2", "--batch-size", "5",
                "--auxiliary-weight", "0", "--cutout", "0", "--genotype", DARTS_V2, "--out", eval.toString()));
        ObjectMapper json = new ObjectMapper();
        JsonNode config = json.readTree(eval.resolve("config.json").toFile());
        assertEquals("imagenet", config.get("network").asText());
        assertEquals(3, config.get("classes").asInt());
        assertEquals("[\"blue\",\"green\",\"red\"]", config.get("class_names").toString());
        assertEquals(32, config.get("image_side").asInt());
        assertEquals(15, config.get("train_images").asInt(), "6 per class, 1 of them (20%) held out");
        assertEquals(3, config.get("test_images").asInt());
        JsonNode options = config.get("options");
        assertEquals(0.1, options.get("label_smoothing").asDouble(), 0, "ImageNet's label smoothing by default");
        assertEquals("folder", options.get("dataset").asText());
        long expected = new EvaluationNetwork(EvaluationNetworkConfig.imagenet(4, 3, 3, 3).withAuxiliary(false),
                Genotype.parse(DARTS_V2), 32).testParameterCount();
        assertEquals(expected, config.get("parameters").asLong());
        JsonNode result = json.readTree(eval.resolve("result.json").toFile());
        double acc = result.get("test_accuracy").asDouble();
        assertTrue(acc >= 0 && acc <= 1, "accuracy " + acc);
        assertEquals(2, Files.readAllLines(eval.resolve("metrics.jsonl")).size());
        for (String line : Files.readAllLines(eval.resolve("metrics.jsonl"))) {
            assertTrue(Double.isFinite(json.readTree(line).get("train_loss").asDouble()), line);
        }
    }

    /** Without --channels and --layers the ImageNet network is DARTS' mobile setting, C = 48 and 14 cells. */
    @Test
    void imagenetDefaultsToFortyEightChannelsAndFourteenCells(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("photos");
        images(data);
        Path eval = dir.resolve("eval");
        assertEquals(0, Skillearn.execute("evaluate", "--network", "imagenet", "--dataset", "folder", "--data-dir", data.toString(),
                "--image-size", "32", "--epochs", "1", "--batch-size", "15", "--train-images", "15", "--auxiliary-weight", "0",
                "--label-smoothing", "0.2", "--genotype", DARTS_V2, "--out", eval.toString()));
        JsonNode options = new ObjectMapper().readTree(eval.resolve("config.json").toFile()).get("options");
        assertEquals(48, options.get("channels").asInt());
        assertEquals(14, options.get("layers").asInt());
        assertEquals(0.2, options.get("label_smoothing").asDouble(), 0);
    }

    @Test
    void badFoldersAndSizesAreReportedWithTheirReason(@TempDir Path dir) throws Exception {
        Path one = dir.resolve("one");
        Files.createDirectories(one.resolve("only"));
        ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "png", one.resolve("only/a.png").toFile());
        Path data = dir.resolve("photos");
        images(data);
        String text = StandardError.of(() -> {
            assertEquals(1, Skillearn.execute("evaluate", "--network", "imagenet", "--dataset", "folder", "--data-dir", one.toString(),
                    "--genotype", DARTS_V2, "--out", dir.resolve("o1").toString()));
            assertEquals(1, Skillearn.execute("evaluate", "--network", "imagenet", "--dataset", "folder", "--data-dir",
                    data.toString(), "--image-size", "36", "--auxiliary-weight", "0", "--genotype", DARTS_V2, "--out",
                    dir.resolve("o2").toString()));
            assertEquals(2, Skillearn.execute("evaluate", "--network", "mobile", "--genotype", DARTS_V2, "--out",
                    dir.resolve("o3").toString()));
        });
        assertTrue(text.contains(one + ": found 1 class folder(s) [only]; expected a folder with one subfolder per class"), text);
        assertTrue(text.contains("multiple of 8, got 36"), text);
        assertTrue(text.contains("--network: unknown network 'mobile'; expected cifar or imagenet"), text);
    }
}
