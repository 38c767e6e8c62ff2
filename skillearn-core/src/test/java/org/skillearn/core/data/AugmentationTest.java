package org.skillearn.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** Crop with padding, flip and cutout do what they say, and a seed fixes them. */
class AugmentationTest {

    private static final int H = 6;
    private static final int W = 5;
    private static final ImageDataset DATA = TestData.pattern(40, 3, H, W, 4);
    private static final Normalization NORM = new Normalization(new double[] {0.1, 0.2, 0.3}, new double[] {0.5, 0.25, 2});
    private static final int[] ALL = Shuffling.identity(40);

    private static float[][][][] batch(AugmentationConfig aug, long seed, DataType type) {
        BatchAssembler a = new BatchAssembler(DATA, new BatchConfig(40, NORM, aug, type));
        double[] flat = a.assemble(ALL, 0, 40, new SplittableRandom(seed)).features().data().asDouble();
        float[][][][] out = new float[40][3][H][W];
        int p = 0;
        for (int i = 0; i < 40; i++) {
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < H; y++) {
                    for (int x = 0; x < W; x++) {
                        out[i][c][y][x] = (float) flat[p++];
                    }
                }
            }
        }
        return out;
    }

    /** The normalised source value, or the normalised padding value 0 outside the image. */
    private static float source(int i, int c, int y, int x) {
        int v = (y < 0 || y >= H || x < 0 || x >= W) ? 0 : DATA.pixel(i, c, y, x);
        return (float) NORM.apply(c, v);
    }

    @Test
    void withoutAugmentationEveryPixelIsNormalisedPerChannel() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            float[][][][] b = batch(AugmentationConfig.NONE, 0, type);
            for (int i = 0; i < 40; i++) {
                for (int c = 0; c < 3; c++) {
                    for (int y = 0; y < H; y++) {
                        for (int x = 0; x < W; x++) {
                            assertEquals((DATA.pixel(i, c, y, x) / 255.0 - NORM.mean()[c]) / NORM.std()[c],
                                    b[i][c][y][x], 1e-5);
                        }
                    }
                }
            }
        }
    }

    @Test
    void flipMirrorsAboutHalfTheImagesAndLeavesTheOthers() {
        float[][][][] b = batch(new AugmentationConfig(0, true, 0), 11, DataType.FLOAT);
        int flipped = 0;
        for (int i = 0; i < 40; i++) {
            boolean same = true;
            boolean mirrored = true;
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < H; y++) {
                    for (int x = 0; x < W; x++) {
                        same &= b[i][c][y][x] == source(i, c, y, x);
                        mirrored &= b[i][c][y][x] == source(i, c, y, W - 1 - x);
                    }
                }
            }
            assertTrue(same || mirrored, "image " + i + " is neither the original nor its mirror");
            flipped += mirrored ? 1 : 0;
        }
        assertTrue(flipped > 5 && flipped < 35, flipped + " of 40 flipped");
    }

    @Test
    void cropIsAShiftWithinThePaddingFilledWithThePaddedBlack() {
        int pad = 2;
        float[][][][] b = batch(new AugmentationConfig(pad, false, 0), 12, DataType.FLOAT);
        int shifted = 0;
        for (int i = 0; i < 40; i++) {
            boolean found = false;
            for (int dy = -pad; dy <= pad && !found; dy++) {
                for (int dx = -pad; dx <= pad && !found; dx++) {
                    boolean match = true;
                    for (int c = 0; c < 3 && match; c++) {
                        for (int y = 0; y < H && match; y++) {
                            for (int x = 0; x < W && match; x++) {
                                match = b[i][c][y][x] == source(i, c, y + dy, x + dx);
                            }
                        }
                    }
                    if (match) {
                        found = true;
                        shifted += (dy != 0 || dx != 0) ? 1 : 0;
                    }
                }
            }
            assertTrue(found, "image " + i + " is no shift within the padding of its source");
        }
        assertTrue(shifted > 20, "only " + shifted + " of 40 images were shifted");
    }

    @Test
    void cutoutZeroesOneClippedSquareInAllChannelsAndNothingElse() {
        int length = 3;
        float[][][][] b = batch(new AugmentationConfig(0, false, length), 13, DataType.FLOAT);
        for (int i = 0; i < 40; i++) {
            int minY = H;
            int maxY = -1;
            int minX = W;
            int maxX = -1;
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    boolean cut = b[i][0][y][x] == 0f && b[i][1][y][x] == 0f && b[i][2][y][x] == 0f
                            && source(i, 0, y, x) != 0f;
                    if (cut) {
                        minY = Math.min(minY, y);
                        maxY = Math.max(maxY, y);
                        minX = Math.min(minX, x);
                        maxX = Math.max(maxX, x);
                    } else {
                        for (int c = 0; c < 3; c++) {
                            assertEquals(source(i, c, y, x), b[i][c][y][x], 0f, "image " + i + " changed outside the cutout");
                        }
                    }
                }
            }
            assertTrue(maxY >= minY, "image " + i + " has no cutout");
            assertTrue(maxY - minY + 1 <= length && maxX - minX + 1 <= length, "cutout larger than " + length);
            for (int y = minY; y <= maxY; y++) {
                for (int x = minX; x <= maxX; x++) {
                    for (int c = 0; c < 3; c++) {
                        assertEquals(0f, b[i][c][y][x], "cutout of image " + i + " is not a filled rectangle");
                    }
                }
            }
        }
    }

    @Test
    void theSeedFixesAllAugmentationDraws() {
        AugmentationConfig all = new AugmentationConfig(2, true, 3);
        assertArrayEquals(flat(batch(all, 5, DataType.FLOAT)), flat(batch(all, 5, DataType.FLOAT)));
        assertFalse(java.util.Arrays.equals(flat(batch(all, 5, DataType.FLOAT)), flat(batch(all, 6, DataType.FLOAT))));
    }

    private static float[] flat(float[][][][] b) {
        float[] out = new float[40 * 3 * H * W];
        int p = 0;
        for (float[][][] img : b) {
            for (float[][] ch : img) {
                for (float[] row : ch) {
                    for (float v : row) {
                        out[p++] = v;
                    }
                }
            }
        }
        return out;
    }
}
