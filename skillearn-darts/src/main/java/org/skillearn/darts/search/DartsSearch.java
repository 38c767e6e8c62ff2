package org.skillearn.darts.search;

import org.skillearn.core.data.DataSource;
import org.skillearn.core.data.ImageBatch;
import org.skillearn.core.model.SkillProgram;
import org.skillearn.core.optim.Adam;
import org.skillearn.core.optim.Sgd;
import org.skillearn.core.parameter.Learner;
import org.skillearn.core.parameter.ParameterSet;
import org.skillearn.core.solver.ProgramState;
import org.skillearn.darts.genotype.Genotype;
import org.skillearn.darts.supernet.Supernet;
import org.skillearn.darts.supernet.SupernetObjective;
import org.skillearn.darts.supernet.SupernetParameters;

/**
 * Plain DARTS as a two-level Skillearn program (the baseline of Section 3.2.2):
 * <pre>
 *   min_A  L(W*(A), A, D_val)                       validation stage, Adam on A
 *   s.t.   W*(A) = argmin_W L(W, A, D_train)        stage "weights", SGD on W, A supporting
 * </pre>
 * Solve it with {@code new SkillSolver(program(), SolverConfig.firstOrder())} (DARTS-1st) or
 * {@code SolverConfig.secondOrder()} (DARTS-2nd: one-step unrolled W' = W − ξ∇_W L_train with
 * ξ = the weight learning rate, finite-difference Hessian-vector product, DARTS Eq. 7–8).
 */
public final class DartsSearch {

    /** Name of the weight-learning stage. */
    public static final String WEIGHT_STAGE = "weights";

    private final DartsSearchConfig config;
    private final Supernet supernet;
    private final ParameterSet weights;
    private final ParameterSet architecture;
    private final SkillProgram program;
    private final DataSource<ImageBatch> train;
    private final DataSource<ImageBatch> val;

    private DartsSearch(DartsSearchConfig config, DataSource<ImageBatch> train, DataSource<ImageBatch> val) {
        this.config = config;
        this.train = train;
        this.val = val;
        this.supernet = new Supernet(config.network());
        Learner learner = Learner.named("supernet");
        this.weights = SupernetParameters.weights(learner, "W", supernet);
        this.architecture = SupernetParameters.architecture(learner, "A", config.network());
        Sgd sgd = config.optimizers().weights();
        Adam adam = config.optimizers().architecture();
        this.program = SkillProgram.builder("DARTS").learner(learner)
                .stage(WEIGHT_STAGE, s -> s.active(weights).supporting(architecture)
                        .loss(new SupernetObjective(supernet, weights, architecture, train))
                        .trainingData(train).optimizer(sgd))
                .validation(v -> v.minimize(architecture, adam)
                        .loss(new SupernetObjective(supernet, weights, architecture, val))
                        .validationData(val))
                .build();
    }

    /** Builds the DARTS program reading search-train batches from {@code train} and search-val batches from {@code val}. */
    public static DartsSearch build(DartsSearchConfig config, DataSource<ImageBatch> train, DataSource<ImageBatch> val) {
        if (train == null || val == null) {
            throw new IllegalArgumentException("DARTS needs a search-train and a search-val data source");
        }
        return new DartsSearch(config, train, val);
    }

    public SkillProgram program() {
        return program;
    }

    public DartsSearchConfig config() {
        return config;
    }

    public Supernet supernet() {
        return supernet;
    }

    /** W, the supernet weights. */
    public ParameterSet weights() {
        return weights;
    }

    /** A = {α_normal, α_reduce}. */
    public ParameterSet architecture() {
        return architecture;
    }

    public DataSource<ImageBatch> trainData() {
        return train;
    }

    public DataSource<ImageBatch> validationData() {
        return val;
    }

    /** The genotype derived from the architecture's current value in {@code state}. */
    public Genotype genotype(ProgramState state) {
        return Genotype.derive(architecture, state.value(architecture), config.network().nodes(), supernet.candidates());
    }
}
