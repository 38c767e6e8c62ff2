package org.skillearn.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.BitSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The paper's split (Section 3.2.1) on the bundled real subset. */
class SearchSplitTest {

    private static TrainTest data;

    @BeforeAll
    static void load() throws Exception {
        data = FashionMnist.loadSubset();
    }

    @Test
    void trainingSetHalvesWithEveryClassSplitEvenly() {
        SearchSplit split = SearchSplit.of(data, 1);
        int[] half = new int[10];
        Arrays.fill(half, 300);
        assertEquals(3000, split.searchTrain().size());
        assertEquals(3000, split.searchVal().size());
        assertArrayEquals(half, split.searchTrain().classCounts());
        assertArrayEquals(half, split.searchVal().classCounts());
    }

    @Test
    void searchTrainAndSearchValAreDisjointAndCoverTheTrainingSet() {
        int[][] parts = Splits.stratified(data.train().labels(), 10, 0.5, 1);
        BitSet seen = new BitSet();
        for (int[] part : parts) {
            for (int i : part) {
                assertFalse(seen.get(i), "index " + i + " is in both halves");
                seen.set(i);
            }
        }
        assertEquals(data.train().size(), seen.cardinality());
    }

    @Test
    void searchSplitHoldsExactlyTheImagesOfTheStratifiedIndices() {
        SearchSplit split = SearchSplit.of(data, 1);
        int[][] parts = Splits.stratified(data.train().labels(), 10, 0.5, 1);
        for (int k = 0; k < parts[1].length; k += 97) {
            assertArrayEquals(data.train().image(parts[1][k]), split.searchVal().image(k));
            assertArrayEquals(data.train().image(parts[0][k]), split.searchTrain().image(k));
        }
    }

    @Test
    void testSetIsLeftUntouchedForFinalEvaluation() {
        assertSame(data.test(), SearchSplit.of(data, 1).test());
    }

    @Test
    void sameSeedGivesTheSameSplitAndAnotherSeedADifferentOne() {
        int[] labels = data.train().labels();
        assertArrayEquals(Splits.stratified(labels, 10, 0.5, 7)[0], Splits.stratified(labels, 10, 0.5, 7)[0]);
        assertFalse(Arrays.equals(Splits.stratified(labels, 10, 0.5, 7)[0], Splits.stratified(labels, 10, 0.5, 8)[0]));
    }

    @Test
    void oddClassSizesPutTheExtraImageInSearchVal() {
        int[][] parts = Splits.stratified(new int[] {0, 0, 0, 1, 1, 1, 1, 1}, 2, 0.5, 3);
        assertEquals(1 + 2, parts[0].length);
        assertEquals(2 + 3, parts[1].length);
    }

    @Test
    void splitsRejectLabelsOutsideTheClassRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Splits.stratified(new int[] {0, 3}, 2, 0.5, 1));
        assertEquals("label 3 at index 1 is out of range [0, 2)", e.getMessage());
    }
}
