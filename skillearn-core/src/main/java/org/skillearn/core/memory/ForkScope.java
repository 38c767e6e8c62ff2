package org.skillearn.core.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.skillearn.core.runtime.NativeRuntime;

/**
 * Runs the independent parts of one piece of work (the candidate operations of a mixed edge, say)
 * side by side: on the calling thread and on a small pool of worker threads, each calling
 * single-threaded native kernels, so that both cores of a 2-core machine compute while libnd4j's
 * own thread pool stays off (see {@link NativeRuntime}).
 *
 * <p>Memory: a scope opens {@code workspace} on the calling thread and on every worker (workspaces
 * belong to a thread), so what a task allocates lives until the scope closes, exactly as what the
 * calling thread allocates does; closing it closes and settles ({@link ReusedWorkspace#settle()})
 * the workspace everywhere. Arrays may be read and written across threads within the scope; what
 * must outlive it is copied out with {@link #keep}.
 *
 * <p>Results: {@link #forEach} returns when every index has run; tasks write their results into
 * slots the caller combines afterwards in a fixed order, so results do not depend on which thread
 * ran what (the parallel path is bit-identical to the sequential one). {@link #graph} runs tasks
 * with prerequisites, each as soon as those have run, under the same rule: a task combines what its
 * prerequisites computed in a fixed order, whichever thread ran them and when.
 *
 * <p>Threads: {@code -D}{@value #THREADS_PROPERTY}{@code =N} worker threads beside the caller (default:
 * available processors − 1; 0 runs everything on the calling thread). A {@code forEach} called
 * from inside a task, or with no scope open, runs sequentially on its thread. The workers serve
 * one thread's scopes at a time; scopes another thread opens meanwhile run on that thread alone.
 */
public final class ForkScope implements AutoCloseable {

    /** System property: worker threads beside the calling one (0: sequential). */
    public static final String THREADS_PROPERTY = "skillearn.parallel.threads";

    private static final ThreadLocal<ForkScope> CURRENT = new ThreadLocal<>();
    private static final ThreadLocal<Boolean> IN_TASK = ThreadLocal.withInitial(() -> false);
    private static final ThreadLocal<Boolean> SEQUENTIAL = ThreadLocal.withInitial(() -> false);
    /** The task graph whose task this thread is running, or null: its {@link #loop}s may be shared. */
    private static final ThreadLocal<TaskGraphRun> GRAPH_TASK = new ThreadLocal<>();
    private static volatile List<Worker> workers;
    /** The thread whose scopes use the workers (one at a time; others run sequentially) and its open scopes. */
    private static Thread owner;
    private static int ownerDepth;

    private final ReusedWorkspace workspace;
    private final MemoryWorkspace enclosing;
    private final MemoryWorkspace callerWorkspace;
    private final ForkScope outer;
    private final List<Worker> opened;
    private final boolean claimed;
    private boolean closed;

    private ForkScope(ReusedWorkspace workspace, MemoryWorkspace enclosing, MemoryWorkspace callerWorkspace,
            List<Worker> opened, boolean claimed) {
        this.claimed = claimed;
        this.workspace = workspace;
        this.enclosing = enclosing;
        this.callerWorkspace = callerWorkspace;
        this.outer = CURRENT.get();
        this.opened = opened;
    }

    /**
     * Opens {@code workspace} on this thread and on every worker; close it with try-with-resources.
     * Within a task, or with no worker threads, the scope runs everything on the calling thread.
     */
    public static ForkScope open(ReusedWorkspace workspace) {
        MemoryWorkspace enclosing = Nd4j.getMemoryManager().getCurrentWorkspace();
        MemoryWorkspace mine = workspace.open();
        try {
            return openOnWorkers(workspace, enclosing, mine);
        } catch (RuntimeException | Error e) {
            mine.close();
            throw e;
        }
    }

    private static ForkScope openOnWorkers(ReusedWorkspace workspace, MemoryWorkspace enclosing, MemoryWorkspace mine) {
        List<Worker> available = IN_TASK.get() || SEQUENTIAL.get() ? List.<Worker>of() : pool();
        boolean claimed = !available.isEmpty() && claimPool();
        List<Worker> pool = claimed ? available : List.of();
        List<CompletableFuture<Void>> ready = new ArrayList<>();
        for (Worker w : pool) {
            ready.add(w.submit(() -> w.openScope(workspace)));
        }
        RuntimeException failed = awaitAll(ready);
        if (failed != null) {
            if (claimed) {
                releasePool();
            }
            throw failed;
        }
        ForkScope s = new ForkScope(workspace, enclosing, mine, pool, claimed);
        CURRENT.set(s);
        return s;
    }

    /**
     * Runs {@code work} on this thread with every scope opened inside it sequential: the reference
     * the parallel path is compared with.
     */
    public static <T> T sequentially(Supplier<T> work) {
        boolean was = SEQUENTIAL.get();
        SEQUENTIAL.set(true);
        try {
            return work.get();
        } finally {
            SEQUENTIAL.set(was);
        }
    }

    /** Makes this thread the pool's user unless another thread has scopes open on it. */
    private static synchronized boolean claimPool() {
        if (owner != null && owner != Thread.currentThread()) {
            return false;
        }
        owner = Thread.currentThread();
        ownerDepth++;
        return true;
    }

    private static synchronized void releasePool() {
        if (owner == Thread.currentThread() && --ownerDepth == 0) {
            owner = null;
        }
    }

    /** The scope open on this thread, or null. */
    public static ForkScope current() {
        return CURRENT.get();
    }

    /**
     * Runs {@code task.accept(i)} for every i in [0, n) in the scope open on this thread; or
     * sequentially if none is open, if this is itself a task, or if this thread is allocating
     * elsewhere than in the workspace the scope was opened in (a borrowed longer-lived scope, say:
     * the workers' arrays would not live as long).
     *
     * @throws RuntimeException the first exception a task threw (after every started task ended)
     */
    public static void forEachInCurrent(int n, IntConsumer task) {
        ForkScope s = CURRENT.get();
        if (s == null || IN_TASK.get() || Nd4j.getMemoryManager().getCurrentWorkspace() != s.callerWorkspace) {
            for (int i = 0; i < n; i++) {
                task.accept(i);
            }
            return;
        }
        s.forEach(n, task);
    }

    /**
     * A loop of plain Java work over [0, n) whose body allocates no ND4J arrays (a kernel written in
     * Java over {@code double[]} buffers): on the open scope's threads when one is open on this
     * thread, sequentially inside a task (both cores are busy already) or with {@value #THREADS_PROPERTY}
     * {@code = 0}, and on Java's common fork-join pool otherwise. Inside a task of a
     * {@linkplain #graphInCurrent task graph} the graph's threads that wait for a ready task take
     * iterations too.
     */
    public static void loop(int n, IntConsumer body) {
        ForkScope s = CURRENT.get();
        TaskGraphRun graph = GRAPH_TASK.get();
        if (graph != null) {
            graph.shareLoop(n, body);
        } else if (IN_TASK.get() || SEQUENTIAL.get() || (s != null && s.opened.isEmpty()) || (s == null && pool().isEmpty())) {
            for (int i = 0; i < n; i++) {
                body.accept(i);
            }
        } else if (s != null && !s.closed) {
            s.forEach(n, body);
        } else {
            IntStream.range(0, n).parallel().forEach(body);
        }
    }

    /**
     * Runs {@code task.accept(i)} for every i in [0, n): the calling thread and the workers take
     * indices in turn until none are left. Returns when all have run.
     *
     * @throws IllegalStateException if the scope is closed
     * @throws RuntimeException      the first exception a task threw (after every started task ended)
     */
    public void forEach(int n, IntConsumer task) {
        if (closed) {
            throw new IllegalStateException("fork scope is closed");
        }
        if (opened.isEmpty() || n <= 1 || IN_TASK.get()) {
            for (int i = 0; i < n; i++) {
                task.accept(i);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        Runnable drain = () -> {
            boolean was = IN_TASK.get();
            IN_TASK.set(true);
            try {
                for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                    task.accept(i);
                }
            } finally {
                IN_TASK.set(was);
            }
        };
        List<CompletableFuture<Void>> helpers = new ArrayList<>();
        for (Worker w : opened.subList(0, Math.min(opened.size(), n - 1))) {
            helpers.add(w.submit(drain));
        }
        RuntimeException mine = null;
        try {
            drain.run();
        } catch (RuntimeException e) {
            next.set(n); // stop the others taking more
            mine = e;
        }
        RuntimeException theirs = awaitAll(helpers);
        if (mine != null) {
            throw mine;
        }
        if (theirs != null) {
            throw theirs;
        }
    }

    /**
     * Runs {@code task.accept(i)} for every i in [0, n), n = {@code prerequisites.length}, each task
     * once every task listed in {@code prerequisites[i]} has run, in the scope open on this thread
     * ({@link #graph}); or sequentially in index order when {@link #forEachInCurrent} would run
     * sequentially. Every prerequisite of task i must be a task before it (index order is then an
     * order the graph allows).
     *
     * @throws IllegalArgumentException if a prerequisite is not a task before the one that lists it
     * @throws RuntimeException         the first exception a task threw (after every started task ended)
     */
    public static void graphInCurrent(int[][] prerequisites, IntConsumer task) {
        graphInCurrent(prerequisites, null, task);
    }

    /**
     * {@link #graphInCurrent(int[][], IntConsumer)} where a thread takes the ready task of highest
     * {@code priority} (ties: smallest index); null priorities: smallest index first.
     *
     * @throws IllegalArgumentException if a prerequisite is not a task before the one that lists it,
     *                                  or there is not one priority per task
     */
    public static void graphInCurrent(int[][] prerequisites, double[] priority, IntConsumer task) {
        TaskGraphRun.check(prerequisites, priority);
        ForkScope s = CURRENT.get();
        if (s == null || IN_TASK.get() || Nd4j.getMemoryManager().getCurrentWorkspace() != s.callerWorkspace) {
            for (int i = 0; i < prerequisites.length; i++) {
                task.accept(i);
            }
            return;
        }
        s.graph(prerequisites, priority, task);
    }

    /**
     * Runs the tasks of a dependency graph ({@link #graphInCurrent}) on the calling thread and the
     * workers: each thread takes the ready task of smallest index (a task is ready when its
     * prerequisites have run), and a thread that finds none ready while tasks run takes iterations
     * of the {@link #loop}s those tasks run. Returns when every task has run. What a task computes
     * must not depend on which thread runs it or when, so that the results are those of index order.
     *
     * @throws IllegalStateException    if the scope is closed
     * @throws IllegalArgumentException if a prerequisite is not a task before the one that lists it
     * @throws RuntimeException         the first exception a task threw (after every started task ended)
     */
    public void graph(int[][] prerequisites, IntConsumer task) {
        graph(prerequisites, null, task);
    }

    /**
     * {@link #graph(int[][], IntConsumer)} where a thread takes the ready task of highest
     * {@code priority} (ties: smallest index); null priorities: smallest index first. Priorities
     * choose the order only: with no threads the tasks still run in index order.
     *
     * @throws IllegalStateException    if the scope is closed
     * @throws IllegalArgumentException if a prerequisite is not a task before the one that lists it,
     *                                  or there is not one priority per task
     * @throws RuntimeException         the first exception a task threw (after every started task ended)
     */
    public void graph(int[][] prerequisites, double[] priority, IntConsumer task) {
        if (closed) {
            throw new IllegalStateException("fork scope is closed");
        }
        TaskGraphRun.check(prerequisites, priority);
        int n = prerequisites.length;
        if (opened.isEmpty() || n <= 1 || IN_TASK.get()) {
            for (int i = 0; i < n; i++) {
                task.accept(i);
            }
            return;
        }
        TaskGraphRun run = new TaskGraphRun(prerequisites, priority, task);
        List<CompletableFuture<Void>> helpers = new ArrayList<>();
        for (Worker w : opened) {
            helpers.add(w.submit(run::drain));
        }
        Throwable mine = null;
        try {
            run.drain();
        } catch (RuntimeException | Error e) {
            mine = e;
        }
        RuntimeException theirs = awaitAll(helpers);
        if (mine instanceof Error err) {
            throw err;
        }
        if (mine != null) {
            throw (RuntimeException) mine;
        }
        if (theirs != null) {
            throw theirs;
        }
    }

    /**
     * Copies of {@code arrays} (nulls stay null) in the workspace that was current when this scope
     * opened (ordinary memory if none), so that they outlive the scope.
     */
    public INDArray[] keep(INDArray... arrays) {
        INDArray[] out = new INDArray[arrays.length];
        // switched rather than borrowed: the enclosing workspace may itself be a borrowed one
        MemoryWorkspace current = Nd4j.getMemoryManager().getCurrentWorkspace();
        Nd4j.getMemoryManager().setCurrentWorkspace(enclosing);
        try {
            for (int i = 0; i < arrays.length; i++) {
                out[i] = arrays[i] == null ? null : arrays[i].dup();
            }
        } finally {
            Nd4j.getMemoryManager().setCurrentWorkspace(current);
        }
        return out;
    }

    /** Worker threads of this scope (0 when it runs sequentially). */
    public int workers() {
        return opened.size();
    }

    /**
     * Closes and settles the workspace on every worker, then on this thread (what was allocated in
     * the scope is released), and ends the scope.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (CURRENT.get() == this) {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (Worker w : opened) {
            done.add(w.submit(() -> w.closeScope(workspace)));
        }
        RuntimeException e = awaitAll(done);
        if (claimed) {
            releasePool();
        }
        callerWorkspace.close();
        workspace.settle();
        if (e != null) {
            throw e;
        }
    }

    private static RuntimeException awaitAll(List<CompletableFuture<Void>> futures) {
        RuntimeException first = null;
        for (CompletableFuture<Void> f : futures) {
            try {
                f.get();
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                if (c instanceof Error err) {
                    throw err;
                }
                first = first != null ? first
                        : c instanceof RuntimeException re ? re : new IllegalStateException("task failed", c);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                first = first != null ? first : new IllegalStateException("interrupted while waiting for worker threads", e);
            }
        }
        return first;
    }

    /**
     * Runs {@code action} once on each kernel thread that has been started, outside any task, and
     * waits: for per-thread state such as a {@link ReusedWorkspace}'s memory there
     * ({@link ReusedWorkspace#releaseEverywhere()}).
     *
     * @throws IllegalStateException if a scope is open on the workers
     * @throws RuntimeException      the first exception {@code action} threw on a worker
     */
    public static void onEachWorker(Runnable action) {
        List<Worker> p = workers;
        if (p == null || p.isEmpty()) {
            return;
        }
        synchronized (ForkScope.class) {
            if (owner != null) {
                throw new IllegalStateException("fork scopes are open on the kernel threads (thread " + owner.getName() + ")");
            }
        }
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (Worker w : p) {
            done.add(w.submit(action));
        }
        RuntimeException e = awaitAll(done);
        if (e != null) {
            throw e;
        }
    }

    private static List<Worker> pool() {
        List<Worker> p = workers;
        if (p == null) {
            synchronized (ForkScope.class) {
                if (workers == null) {
                    NativeRuntime.configure();
                    int n = threads();
                    List<Worker> created = new ArrayList<>();
                    for (int i = 1; i <= n; i++) {
                        created.add(new Worker("skillearn-kernels-" + i));
                    }
                    workers = List.copyOf(created);
                }
                p = workers;
            }
        }
        return p;
    }

    /** Worker threads the pool has (or will have). */
    public static int threads() {
        return NativeRuntime.countProperty(THREADS_PROPERTY, 0, Math.max(0, Runtime.getRuntime().availableProcessors() - 1));
    }

    /**
     * One run of a task graph ({@link #graph}): the ready tasks, the prerequisites each waiting task
     * still waits for, and the loops running tasks share with the threads that have no task to take.
     * Every field is guarded by this object's monitor.
     */
    private static final class TaskGraphRun {

        private final IntConsumer task;
        private final int[][] dependents;
        private final int[] waitingFor;
        private final PriorityQueue<Integer> ready;
        private final List<SharedLoop> loops = new ArrayList<>();
        private int unfinished;
        private Throwable failure;

        TaskGraphRun(int[][] prerequisites, double[] priority, IntConsumer task) {
            this.task = task;
            this.ready = priority == null ? new PriorityQueue<>()
                    : new PriorityQueue<>((a, b) -> priority[a] != priority[b] ? Double.compare(priority[b], priority[a])
                            : Integer.compare(a, b));
            int n = prerequisites.length;
            int[] count = new int[n];
            for (int[] pre : prerequisites) {
                for (int p : pre) {
                    count[p]++;
                }
            }
            dependents = new int[n][];
            for (int i = 0; i < n; i++) {
                dependents[i] = new int[count[i]];
            }
            int[] filled = new int[n];
            waitingFor = new int[n];
            for (int i = 0; i < n; i++) {
                for (int p : prerequisites[i]) {
                    dependents[p][filled[p]++] = i;
                }
                waitingFor[i] = prerequisites[i].length;
                if (waitingFor[i] == 0) {
                    ready.add(i);
                }
            }
            unfinished = n;
        }

        /** Throws unless every prerequisite of each task is a task before it, and priorities (if any) are one per task. */
        static void check(int[][] prerequisites, double[] priority) {
            if (priority != null && priority.length != prerequisites.length) {
                throw new IllegalArgumentException(priority.length + " priorities for " + prerequisites.length + " tasks");
            }
            for (int i = 0; i < prerequisites.length; i++) {
                for (int p : prerequisites[i]) {
                    if (p < 0 || p >= i) {
                        throw new IllegalArgumentException("task " + i + " lists " + p + " as a prerequisite; prerequisites must"
                                + " be tasks before it");
                    }
                }
            }
        }

        /** One thread's part: takes ready tasks (or shared loop iterations) until every task has run or one failed. */
        void drain() {
            boolean was = IN_TASK.get();
            IN_TASK.set(true);
            try {
                while (true) {
                    int next;
                    SharedLoop help = null;
                    synchronized (this) {
                        while (failure == null && unfinished > 0 && ready.isEmpty() && (help = openLoop()) == null) {
                            awaitChange();
                        }
                        if (failure != null || unfinished == 0) {
                            return;
                        }
                        next = help == null ? ready.poll() : -1;
                        if (help != null) {
                            help.helpers++;
                        }
                    }
                    if (help != null) {
                        help.drain();
                        synchronized (this) {
                            help.helpers--;
                            notifyAll();
                        }
                    } else {
                        run(next);
                    }
                }
            } finally {
                IN_TASK.set(was);
            }
        }

        private void run(int t) {
            GRAPH_TASK.set(this);
            try {
                task.accept(t);
            } catch (RuntimeException | Error e) {
                synchronized (this) {
                    if (failure == null) {
                        failure = e;
                    }
                    notifyAll();
                }
                throw e;
            } finally {
                GRAPH_TASK.remove();
            }
            synchronized (this) {
                unfinished--;
                for (int d : dependents[t]) {
                    if (--waitingFor[d] == 0) {
                        ready.add(d);
                    }
                }
                notifyAll();
            }
        }

        /** A shared loop with iterations left, or null. */
        private SharedLoop openLoop() {
            for (SharedLoop l : loops) {
                if (l.hasWork()) {
                    return l;
                }
            }
            return null;
        }

        /**
         * Runs {@code body} over [0, n) on this thread, offering its iterations to the threads that
         * wait for a ready task; returns when every iteration has run.
         */
        void shareLoop(int n, IntConsumer body) {
            SharedLoop l = new SharedLoop(n, body);
            if (n > 1) {
                synchronized (this) {
                    loops.add(l);
                    notifyAll();
                }
            }
            l.drain();
            synchronized (this) {
                loops.remove(l);
                while (l.helpers > 0) {
                    awaitChange();
                }
            }
            l.rethrow();
        }

        /** Waits on this run's monitor (held) for another thread's notification; an interrupt ends the wait with an exception. */
        private void awaitChange() {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a task of the graph", e);
            }
        }
    }

    /** The iterations of one {@link #loop} inside a graph task, taken in turn by the threads that run it. */
    private static final class SharedLoop {

        private final int n;
        private final IntConsumer body;
        private final AtomicInteger next = new AtomicInteger();
        private volatile Throwable failure;
        /** Threads other than the loop's own running its iterations (guarded by the graph run's monitor). */
        private int helpers;

        SharedLoop(int n, IntConsumer body) {
            this.n = n;
            this.body = body;
        }

        boolean hasWork() {
            return next.get() < n;
        }

        void drain() {
            try {
                for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                    body.accept(i);
                }
            } catch (RuntimeException | Error e) {
                next.set(n);
                if (failure == null) {
                    failure = e;
                }
            }
        }

        void rethrow() {
            Throwable f = failure;
            if (f instanceof Error err) {
                throw err;
            }
            if (f != null) {
                throw (RuntimeException) f;
            }
        }
    }

    /** A daemon thread running submitted work in order, with its own open workspaces. */
    private static final class Worker {

        private final BlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
        private final List<MemoryWorkspace> open = new ArrayList<>();

        Worker(String name) {
            Thread t = new Thread(this::loop, name);
            t.setDaemon(true);
            t.start();
        }

        CompletableFuture<Void> submit(Runnable r) {
            CompletableFuture<Void> f = new CompletableFuture<>();
            queue.add(() -> {
                try {
                    r.run();
                    f.complete(null);
                } catch (Throwable e) {
                    f.completeExceptionally(e);
                }
            });
            return f;
        }

        void openScope(ReusedWorkspace w) {
            open.add(w.open());
        }

        void closeScope(ReusedWorkspace w) {
            MemoryWorkspace ws = open.remove(open.size() - 1);
            ws.close();
            w.settle();
        }

        private void loop() {
            while (true) {
                try {
                    queue.take().run();
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }
}
