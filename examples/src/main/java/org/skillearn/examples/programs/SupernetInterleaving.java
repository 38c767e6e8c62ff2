package org.skillearn.examples.programs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.skillearn.core.data.BatchConfig;
import org.skillearn.core.data.ImageBatch;
import org.skillearn.core.data.ImageDataset;
import org.skillearn.core.model.SkillProgram;
import org.skillearn.core.objective.Bindings;
import org.skillearn.core.optim.Adam;
import org.skillearn.core.optim.LearningRate;
import org.skillearn.core.optim.Sgd;
import org.skillearn.core.parameter.Learner;
import org.skillearn.core.parameter.ParameterSet;
import org.skillearn.core.run.RunListener;
import org.skillearn.core.solver.ProgramState;
import org.skillearn.darts.genotype.Genotype;
import org.skillearn.darts.search.DartsSearchConfig;
import org.skillearn.darts.search.NasMethod;
import org.skillearn.darts.supernet.Supernet;
import org.skillearn.darts.supernet.SupernetConfig;
import org.skillearn.darts.supernet.SupernetParameters;
import org.skillearn.darts.supernet.SupernetTaskLoss;
import org.skillearn.interleave.DartsTaskModel;
import org.skillearn.interleave.IlProgram;
import org.skillearn.interleave.InterleavingLearning;
import org.skillearn.interleave.InterleavingTask;
import org.skillearn.interleave.MultiTaskLearning;
import org.skillearn.interleave.TaskModels;

/**
 * Interleaving learning (Eq. 32) — or its multi-task baseline (Eq. 38) — searching the DARTS cell
 * shared by the encoders of {@link IlTasks tasks} whose images have one shape: by default
 * Fashion-MNIST's ten classes and {@link FashionGroups its four coarse groups}, or the paper's
 * CIFAR-100 and CIFAR-10 (Section 4.3). Each
 * learner is the supernet without its classifier plus its own linear head; weights and heads use
 * DARTS' SGD settings, α uses DARTS' Adam (Section 3.2.2). Every epoch records, per task, the
 * search-val loss and accuracy of the last round's encoder and head (on at most
 * {@value #DIAGNOSTIC_IMAGES} images), α and the genotype; the result is the final genotype, also
 * written as {@value #GENOTYPE_FILE}.
 */
public final class SupernetInterleaving implements SearchProgram {

    /** The genotype file a finished run writes. */
    public static final String GENOTYPE_FILE = SupernetDarts.GENOTYPE_FILE;
    /** Search-val images per task behind each epoch's loss and accuracy (a supernet pass is costly). */
    public static final int DIAGNOSTIC_IMAGES = 512;

    private final SearchSetup setup;
    private final SupernetConfig network;
    private final IlProgram il;
    private final List<DartsTaskModel> models;
    private final NasMethod nas;
    private final List<TaskData> tasks;

    /**
     * @param multiTask build the multi-task baseline (Eq. 38, γ = λ = 1) instead of interleaving
     * @param rounds    M (interleaving only)
     * @param lambda    the proximity weight λ (interleaving only)
     * @param channels  the supernet's initial channels C
     * @param layers    the supernet's cells
     * @param tasks     the learners' tasks with their data, in hand-over order ({@link IlTasks#data})
     */
    public SupernetInterleaving(SearchSetup setup, boolean multiTask, int rounds, double lambda, int channels, int layers,
            List<TaskData> tasks) {
        this(setup, multiTask, rounds, lambda, channels, layers, tasks, NasMethod.DARTS);
    }

    /** The same search by the NAS method {@code nas} on the learners' shared supernet. */
    public SupernetInterleaving(SearchSetup setup, boolean multiTask, int rounds, double lambda, int channels, int layers,
            List<TaskData> tasks, NasMethod nas) {
        this.nas = nas;
        this.setup = setup;
        this.tasks = List.copyOf(tasks);
        this.network = SupernetConfig.of(channels, layers, setup.searchTrain().channels(), setup.classes());
        DartsSearchConfig darts = DartsSearchConfig.paper(network, setup.epochs(), setup.stepsPerEpoch());
        Sgd learners = new Sgd(LearningRate.cosine(darts.weightLr(), darts.weightLrMin(), darts.epochs(), darts.stepsPerEpoch()),
                darts.momentum(), darts.weightDecay(), darts.gradClip());
        Adam arch = new Adam(LearningRate.constant(darts.archLr()), darts.archBeta1(), darts.archBeta2(), 1e-8, darts.archWeightDecay());
        ParameterSet a = SupernetParameters.architecture(Learner.named("shared architecture"), "A", network);
        this.models = TaskModels.dartsEncoder(network, tasks.stream().mapToInt(t -> t.split().searchTrain().numClasses()).toArray());
        InterleavingLearning<ImageBatch> il = InterleavingLearning.<ImageBatch>builder().architecture(a).rounds(rounds).lambda(lambda)
                .optimizers(learners, arch);
        MultiTaskLearning<ImageBatch> mtl = MultiTaskLearning.<ImageBatch>builder().architecture(a).optimizers(learners, arch);
        for (int k = 0; k < tasks.size(); k++) {
            InterleavingTask<ImageBatch> task = tasks.get(k).learner(k, setup, models.get(k));
            il.task(task);
            mtl.task(task);
        }
        this.il = multiTask ? mtl.build() : il.build();
    }

    @Override
    public Optional<Supernet> searchedSupernet() {
        return Optional.of(models.get(0).encoder().supernet());
    }

    /** The NAS method's listeners on this search's supernet. */
    @Override
    public List<RunListener> listeners() {
        return nas.listeners(models.get(0).encoder().supernet(), il.architecture());
    }

    @Override
    public SkillProgram program() {
        return il.program();
    }

    @Override
    public ProgramState initialize(long seed) {
        return il.initialize(DataType.FLOAT, seed);
    }

    /** The genotype derived from the shared α (DARTS' rule: two strongest non-none inputs per node). */
    public Genotype genotype(ProgramState state) {
        ParameterSet a = il.architecture();
        return Genotype.derive(a, state.value(a), network.nodes(), models.get(0).encoder().supernet().candidates());
    }

    /** The loss of task k with the last round's encoder and head. */
    private SupernetTaskLoss finalLoss(int k) {
        int last = il.rounds() - 1;
        return models.get(k).loss(il.architecture(), il.encoders().get(last).get(k), il.heads().get(last).get(k));
    }

    /** Per task, search-val loss and accuracy of the last round's encoder and head; α and the genotype. */
    @Override
    public Map<String, Object> diagnostics(ProgramState state) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int k = 0; k < tasks.size(); k++) {
            TaskData t = tasks.get(k);
            double[] lossAccuracy = lossAndAccuracy(finalLoss(k), state.bindings(), t.split().searchVal(), t.batches(setup.batches()));
            m.put(t.name() + "_search_val_loss", lossAccuracy[0]);
            m.put(t.name() + "_search_val_accuracy", lossAccuracy[1]);
        }
        INDArray a = state.value(il.architecture());
        m.put("alpha_normal", il.architecture().layout().view(a, SupernetParameters.ALPHA_NORMAL).toDoubleMatrix());
        m.put("alpha_reduce", il.architecture().layout().view(a, SupernetParameters.ALPHA_REDUCE).toDoubleMatrix());
        m.put("genotype", genotype(state).toString());
        return m;
    }

    /** Mean loss and accuracy over the first {@value #DIAGNOSTIC_IMAGES} images of {@code data}, in order. */
    private double[] lossAndAccuracy(SupernetTaskLoss loss, Bindings params, ImageDataset data, BatchConfig batches) {
        double sum = 0;
        long correct = 0;
        long n = 0;
        for (ImageBatch b : LinearModels.pass(data, batches)) {
            if (n >= DIAGNOSTIC_IMAGES) {
                break;
            }
            SupernetTaskLoss.Scores scores = loss.scores(params, b);
            for (double l : scores.losses()) {
                sum += l;
            }
            INDArray predicted = scores.logits().argMax(1);
            for (int i = 0; i < b.size(); i++) {
                if (predicted.getInt(i) == b.labelIndex(i)) {
                    correct++;
                }
            }
            n += b.size();
        }
        return new double[] {sum / n, (double) correct / n};
    }

    @Override
    public Map<String, Object> evaluate(ProgramState state) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("genotype", genotype(state).toString());
        m.put("genotype_file", GENOTYPE_FILE);
        m.put("tasks", tasks.stream().map(TaskData::name).toList());
        return m;
    }

    /** The genotype as {@value #GENOTYPE_FILE}. */
    @Override
    public Map<String, String> files(ProgramState state) {
        return SearchProgram.genotypeFiles(genotype(state));
    }
}
