package org.skillearn.core.memory;

import java.util.function.LongSupplier;

/**
 * Runs the Java garbage collector between pieces of work, as often as a fixed share of the wall
 * time allows. ND4J frees the native buffer of an array that nobody {@linkplain NativeArrays#release
 * released} only once the collector has found its owner unreachable; eager tapes that keep their
 * activations on the Java heap (the ResNet tester of LPT, for one) leave hundreds of megabytes of
 * such buffers per solver step while the Java heap itself fills too slowly to trigger a collection,
 * so the process grows by gigabytes over a search. Collecting after a step bounds that garbage to
 * what the steps since the last collection left.
 *
 * <p>Policy: after each piece of work, collect once the work done since the last collection is at
 * least {@code cost / share}, where {@code cost} is what that last collection took; collection then
 * takes at most about {@code share} of the time. The first piece of work is always followed by a
 * collection, which measures the cost.
 */
public final class CollectionBudget {

    /** The share of wall time the command line gives to collections (2%). */
    public static final double DEFAULT_SHARE = 0.02;

    private final double share;
    private final LongSupplier nanoClock;
    private final Runnable collector;
    private long workSinceCollection;
    private long lastCost = -1;
    private long collections;
    private long collectionNanos;

    private CollectionBudget(double share, LongSupplier nanoClock, Runnable collector) {
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("the share of time for garbage collection must be in (0, 1], got " + share);
        }
        this.share = share;
        this.nanoClock = nanoClock;
        this.collector = collector;
    }

    /** A budget of {@code share} of the wall time for {@link System#gc()}. */
    public static CollectionBudget of(double share) {
        return new CollectionBudget(share, System::nanoTime, System::gc);
    }

    /** A budget with a given clock and collector (for tests). */
    public static CollectionBudget of(double share, LongSupplier nanoClock, Runnable collector) {
        if (nanoClock == null || collector == null) {
            throw new IllegalArgumentException("a collection budget needs a clock and a collector");
        }
        return new CollectionBudget(share, nanoClock, collector);
    }

    /**
     * Records {@code workNanos} of work and collects if the budget allows.
     *
     * @return whether a collection ran
     */
    public boolean afterWork(long workNanos) {
        if (workNanos < 0) {
            throw new IllegalArgumentException("work time must be non-negative, got " + workNanos + " ns");
        }
        workSinceCollection += workNanos;
        if (lastCost >= 0 && workSinceCollection * share < lastCost) {
            return false;
        }
        long start = nanoClock.getAsLong();
        collector.run();
        lastCost = nanoClock.getAsLong() - start;
        workSinceCollection = 0;
        collections++;
        collectionNanos += lastCost;
        return true;
    }

    /** The collections run so far. */
    public long collections() {
        return collections;
    }

    /** The wall time all collections so far took, in nanoseconds. */
    public long collectionNanos() {
        return collectionNanos;
    }
}
