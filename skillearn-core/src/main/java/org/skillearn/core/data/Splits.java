package org.skillearn.core.data;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Stratified, seeded index selections: every class is split (or sampled) separately, so class
 * proportions are kept. All results are sorted ascending and depend only on the labels, the
 * class count, the sizes and the seed.
 *
 * <p>Algorithm (fixed, so results are reproducible across versions): one
 * {@link SplittableRandom} is created from the seed; for class 0, 1, ... in turn the ascending
 * indices of that class are Fisher-Yates shuffled with it and the first ones are taken.
 */
public final class Splits {

    private Splits() {
    }

    /**
     * Splits {@code 0..labels.length-1} into two disjoint parts; each class {@code c} with
     * {@code n_c} images puts {@code floor(n_c * firstFraction)} of them in the first part and the
     * rest in the second.
     *
     * @return {@code {first, second}}, each sorted ascending
     */
    public static int[][] stratified(int[] labels, int numClasses, double firstFraction, long seed) {
        if (!(firstFraction >= 0 && firstFraction <= 1)) {
            throw new IllegalArgumentException("fraction must be in [0, 1], got " + firstFraction);
        }
        int[][] byClass = byClass(labels, numClasses);
        SplittableRandom rng = new SplittableRandom(seed);
        int[] first = new int[labels.length];
        int[] second = new int[labels.length];
        int nFirst = 0;
        int nSecond = 0;
        for (int[] members : byClass) {
            Shuffling.shuffle(members, rng);
            int take = (int) Math.floor(members.length * firstFraction);
            System.arraycopy(members, 0, first, nFirst, take);
            System.arraycopy(members, take, second, nSecond, members.length - take);
            nFirst += take;
            nSecond += members.length - take;
        }
        int[] a = Arrays.copyOf(first, nFirst);
        int[] b = Arrays.copyOf(second, nSecond);
        Arrays.sort(a);
        Arrays.sort(b);
        return new int[][] {a, b};
    }

    /**
     * Picks {@code perClass} indices of every class, sorted ascending.
     *
     * @throws IllegalArgumentException if a class has fewer than {@code perClass} images
     */
    public static int[] stratifiedSample(int[] labels, int numClasses, int perClass, long seed) {
        if (perClass < 0) {
            throw new IllegalArgumentException("per-class count must be >= 0, got " + perClass);
        }
        int[][] byClass = byClass(labels, numClasses);
        SplittableRandom rng = new SplittableRandom(seed);
        int[] picked = new int[numClasses * perClass];
        for (int c = 0; c < numClasses; c++) {
            if (byClass[c].length < perClass) {
                throw new IllegalArgumentException("class " + c + " has " + byClass[c].length
                        + " images, fewer than the " + perClass + " requested");
            }
            Shuffling.shuffle(byClass[c], rng);
            System.arraycopy(byClass[c], 0, picked, c * perClass, perClass);
        }
        Arrays.sort(picked);
        return picked;
    }

    private static int[][] byClass(int[] labels, int numClasses) {
        if (numClasses <= 0) {
            throw new IllegalArgumentException("class count must be positive, got " + numClasses);
        }
        int[] counts = new int[numClasses];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw new IllegalArgumentException("label " + labels[i] + " at index " + i
                        + " is out of range [0, " + numClasses + ")");
            }
            counts[labels[i]]++;
        }
        int[][] byClass = new int[numClasses][];
        for (int c = 0; c < numClasses; c++) {
            byClass[c] = new int[counts[c]];
        }
        int[] fill = new int[numClasses];
        for (int i = 0; i < labels.length; i++) {
            byClass[labels[i]][fill[labels[i]]++] = i;
        }
        return byClass;
    }
}
