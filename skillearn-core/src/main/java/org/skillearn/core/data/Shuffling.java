package org.skillearn.core.data;

import java.util.SplittableRandom;

/** Seeded Fisher-Yates shuffles shared by the splits and the batch sources. */
final class Shuffling {

    private Shuffling() {
    }

    /** Shuffles {@code a} in place with {@code rng}. */
    static void shuffle(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** {@code 0, 1, ..., n-1}. */
    static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }
}
