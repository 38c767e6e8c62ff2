package org.skillearn.examples.programs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.skillearn.core.data.ImageBatch;
import org.skillearn.core.examplemodels.EncodedClassifier;
import org.skillearn.core.examplemodels.TanhEncoder;
import org.skillearn.core.model.SkillProgram;
import org.skillearn.core.optim.Adam;
import org.skillearn.core.optim.Sgd;
import org.skillearn.core.parameter.Learner;
import org.skillearn.core.parameter.ParameterSet;
import org.skillearn.core.solver.ProgramState;
import org.skillearn.darts.search.DartsOptimizers;
import org.skillearn.interleave.IlProgram;
import org.skillearn.interleave.InterleavingLearning;
import org.skillearn.interleave.InterleavingTask;
import org.skillearn.interleave.MultiTaskLearning;
import org.skillearn.interleave.TaskModels;

/**
 * Interleaving learning (Eq. 32) with small learners on {@link IlTasks tasks} whose images have one shape,
 * by default Fashion-MNIST's ten classes and {@link FashionGroups its four coarse groups}; each learner is a
 * tanh encoder over inputs gated by the shared architecture A, with its own softmax head. The
 * multi-task baseline (Eq. 38) trains the same learners jointly.
 */
public final class LinearInterleaving implements SearchProgram {

    private static final int HIDDEN = 32;

    private final SearchSetup setup;
    private final IlProgram il;
    private final List<TaskData> tasks;

    /**
     * @param multiTask build the multi-task baseline (Eq. 38, γ = λ = 1) instead of interleaving
     * @param rounds    M (interleaving only)
     * @param lambda    the proximity weight (interleaving only)
     * @param tasks     the learners' tasks with their data, in hand-over order ({@link IlTasks#data})
     */
    public LinearInterleaving(SearchSetup setup, boolean multiTask, int rounds, double lambda, List<TaskData> tasks) {
        this.setup = setup;
        this.tasks = List.copyOf(tasks);
        Learner shared = Learner.named("shared architecture");
        ParameterSet a = LinearModels.gate(shared, setup.inputSize());
        DartsOptimizers darts = DartsOptimizers.paper(setup.epochs(), setup.stepsPerEpoch());
        Sgd learners = darts.weights();
        Adam arch = darts.architecture();
        InterleavingLearning<ImageBatch> il = InterleavingLearning.<ImageBatch>builder().architecture(a).rounds(rounds).lambda(lambda)
                .optimizers(learners, arch);
        MultiTaskLearning<ImageBatch> mtl = MultiTaskLearning.<ImageBatch>builder().architecture(a).optimizers(learners, arch);
        for (int k = 0; k < tasks.size(); k++) {
            TaskData t = tasks.get(k);
            InterleavingTask<ImageBatch> task = t.learner(k, setup,
                    TaskModels.gatedTanhEncoder(setup.inputSize(), HIDDEN, t.split().searchTrain().numClasses()));
            il.task(task);
            mtl.task(task);
        }
        this.il = multiTask ? mtl.build() : il.build();
    }

    private EncodedClassifier finalClassifier(int k) {
        int last = il.rounds() - 1;
        return new EncodedClassifier(new TanhEncoder(il.encoders().get(last).get(k), il.architecture()), il.heads().get(last).get(k));
    }

    @Override
    public SkillProgram program() {
        return il.program();
    }

    @Override
    public ProgramState initialize(long seed) {
        return il.initialize(DataType.FLOAT, seed);
    }

    @Override
    public Map<String, Object> diagnostics(ProgramState state) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("gate_open_fraction", LinearModels.gateOpenFraction(state.value(il.architecture())));
        List<List<ParameterSet>> enc = il.encoders();
        ParameterSet first = enc.get(0).get(0);
        ParameterSet last = enc.get(il.rounds() - 1).get(il.learners() - 1);
        m.put("encoder_handover_distance", state.value(last).sub(state.value(first)).norm2Number().doubleValue());
        return m;
    }

    @Override
    public Map<String, Object> evaluate(ProgramState state) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int k = 0; k < tasks.size(); k++) {
            TaskData t = tasks.get(k);
            m.put(t.name() + "_test_accuracy", LinearModels.accuracy(finalClassifier(k), state.bindings(), t.split().test(),
                    t.batches(setup.batches())));
        }
        return m;
    }
}
