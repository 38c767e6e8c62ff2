package org.skillearn.core.solver;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.skillearn.core.data.DataSource;
import org.skillearn.core.memory.NativeArrays;
import org.skillearn.core.memory.ReusedWorkspace;
import org.skillearn.core.memory.StepScope;
import org.skillearn.core.model.Direction;
import org.skillearn.core.model.SkillProgram;
import org.skillearn.core.model.Stage;
import org.skillearn.core.objective.Batches;
import org.skillearn.core.objective.Evaluation;
import org.skillearn.core.parameter.ParameterSet;
import org.skillearn.core.runtime.NativeRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Solves a {@link SkillProgram} by Algorithm 1, one step at a time:
 * <ol>
 *   <li>draw one batch from every data source (shared by all evaluations of the step);</li>
 *   <li>compute the hypergradient dF/dU of the remaining sets (first order, or one-step unrolled
 *       with finite-difference Hessian-vector products);</li>
 *   <li>update each remaining set with its optimizer, descending for MIN and ascending for MAX
 *       (Algorithm 2, steps 1–2);</li>
 *   <li>take the real step of every stage's active sets, k = 1..K, each on its own objective at
 *       the updated values (Algorithm 2, steps 3–4); a stage with {@link Stage#steps()} &gt; 1 takes
 *       that many, drawing a fresh batch from its own data sources for each after the first.</li>
 * </ol>
 */
public final class SkillSolver implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SkillSolver.class);
    private static final AtomicLong SOLVERS = new AtomicLong();

    private final SkillProgram program;
    private final HypergradientMethod method;
    private final EvaluationGuard guard;
    private final List<SolverListener> listeners = new ArrayList<>();
    private final ReusedWorkspace stepWorkspace = ReusedWorkspace.named("skillearn-step-" + SOLVERS.incrementAndGet());

    public SkillSolver(SkillProgram program, SolverConfig config) {
        this(program, config.method(), config.checkFinite());
    }

    /** A solver with a custom hypergradient method. */
    public SkillSolver(SkillProgram program, HypergradientMethod method, boolean checkFinite) {
        NativeRuntime.configure();
        this.program = program;
        this.method = method;
        this.guard = new EvaluationGuard(checkFinite);
    }

    public SkillSolver addListener(SolverListener l) {
        listeners.add(l);
        return this;
    }

    public SkillProgram program() {
        return program;
    }

    /** Draws this step's batch from every data source of the program. */
    public Batches drawBatches() {
        Map<DataSource<?>, Object> drawn = new LinkedHashMap<>();
        for (DataSource<?> d : program.dataSources()) {
            Object b = d.next();
            if (b == null) {
                throw new IllegalStateException("data source '" + d.name() + "' returned no batch");
            }
            drawn.put(d, b);
        }
        return new Batches(drawn);
    }

    /**
     * One step of Algorithm 1 on fresh batches. Every array the step allocates (the batches
     * included) lives in the step's {@link StepScope} and is released when the step returns.
     */
    public StepReport step(ProgramState state) {
        try (StepScope scope = StepScope.open(stepWorkspace)) {
            return stepIn(state, drawBatches());
        }
    }

    /** One step of Algorithm 1 on the given batches (which the caller owns); its temporaries are released on return. */
    public StepReport step(ProgramState state, Batches batches) {
        try (StepScope scope = StepScope.open(stepWorkspace)) {
            return stepIn(state, batches);
        }
    }

    private StepReport stepIn(ProgramState state, Batches batches) {
        long t0 = System.nanoTime();
        long t = state.step();
        Hypergradient h = method.compute(program, state, batches, guard);
        Map<String, Double> norms = new LinkedHashMap<>();
        for (Map.Entry<ParameterSet, Direction> e : program.validation().remaining().entrySet()) {
            ParameterSet u = e.getKey();
            INDArray g = h.gradient(u);
            norms.put(u.name(), g.norm2Number().doubleValue());
            INDArray signed = e.getValue() == Direction.MIN ? g : g.negi();
            program.validation().optimizer(u).step(state.value(u), signed, state.optimizerState(u), t);
            NativeArrays.release(g);
        }
        Map<String, Double> losses = new LinkedHashMap<>();
        for (Stage stage : program.stages()) {
            for (int i = 0; i < stage.steps(); i++) {
                Batches b = i == 0 ? batches : batches.redrawn(stageData(stage));
                Evaluation e = guard.evaluate(stage.objective(), state.bindings(), b, new LinkedHashSet<>(stage.active()),
                        "stage '" + stage.name() + "'" + (stage.steps() > 1 ? " (inner step " + (i + 1) + " of " + stage.steps() + ")" : ""), t);
                if (i == 0) {
                    losses.put(stage.name(), e.value());
                }
                for (ParameterSet w : stage.active()) {
                    stage.optimizer().step(state.value(w), e.gradient(w), state.optimizerState(w), t);
                    NativeArrays.release(e.gradient(w));
                }
            }
        }
        state.advance();
        StepReport r = new StepReport(t, losses, h.validationValue(), norms, System.nanoTime() - t0);
        if (LOG.isDebugEnabled()) {
            LOG.debug("step {}: stage losses {}, validation {}, |dF/dU| {}", t, losses, h.validationValue(), norms);
        }
        for (SolverListener l : listeners) {
            l.onStep(r, state);
        }
        return r;
    }

    /** The stage's own training and auxiliary sources, in order. */
    private static List<DataSource<?>> stageData(Stage stage) {
        List<DataSource<?>> d = new ArrayList<>(stage.trainingData());
        d.addAll(stage.auxiliaryData());
        return d;
    }

    /** Runs {@code steps} steps. */
    public List<StepReport> run(ProgramState state, int steps) {
        List<StepReport> out = new ArrayList<>(steps);
        for (int i = 0; i < steps; i++) {
            out.add(step(state));
        }
        return out;
    }

    /** Frees the memory this solver's steps reuse on the calling thread (the program and state are not touched). */
    @Override
    public void close() {
        stepWorkspace.release();
        guard.release();
    }

    /** The hypergradient at the current state and the given batches, without updating anything. */
    public Hypergradient hypergradient(ProgramState state, Batches batches) {
        return method.compute(program, state, batches, guard);
    }
}
