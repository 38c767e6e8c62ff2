package org.skillearn.examples;

import org.nd4j.linalg.api.buffer.DataType;
import org.skillearn.core.data.BatchConfig;
import org.skillearn.core.data.DataSource;
import org.skillearn.core.data.FashionMnist;
import org.skillearn.core.data.ImageBatch;
import org.skillearn.core.data.Normalization;
import org.skillearn.core.data.SearchSplit;
import org.skillearn.core.data.ShuffledImageSource;
import org.skillearn.core.examplemodels.GatedSoftmaxRegression;
import org.skillearn.core.model.SkillProgram;
import org.skillearn.core.objective.MeanLoss;
import org.skillearn.core.optim.Adam;
import org.skillearn.core.optim.LearningRate;
import org.skillearn.core.optim.Sgd;
import org.skillearn.core.parameter.Learner;
import org.skillearn.core.parameter.ParameterKind;
import org.skillearn.core.parameter.ParameterSet;
import org.skillearn.core.solver.ProgramState;
import org.skillearn.core.solver.SkillSolver;
import org.skillearn.core.solver.SolverConfig;
import org.skillearn.core.solver.StepReport;

/** The README's example: declare a two-level program, print its tables, solve it. */
public final class ReadmeExample {

    private ReadmeExample() {
    }

    public static void main(String[] args) throws Exception {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        // --- README example starts here
        SearchSplit split = SearchSplit.of(FashionMnist.loadSubset(), 1);
        BatchConfig batches = BatchConfig.of(64, Normalization.FASHION_MNIST);
        DataSource<ImageBatch> train = ShuffledImageSource.of("search-train", split.searchTrain(), batches, 1);
        DataSource<ImageBatch> val = ShuffledImageSource.of("search-val", split.searchVal(), batches, 2);

        Learner net = Learner.named("network");
        ParameterSet a = GatedSoftmaxRegression.gateSet(net, "A", 784);                      // architecture
        ParameterSet w = GatedSoftmaxRegression.linearSet(net, "W", ParameterKind.WEIGHTS, 784, 10);
        GatedSoftmaxRegression model = new GatedSoftmaxRegression(a, w);                       // ℓ(A, W, d)

        SkillProgram program = SkillProgram.builder("two-level search")
                .stage("I", s -> s.active(w).supporting(a).loss(MeanLoss.of(model, train)).trainingData(train)
                        .optimizer(new Sgd(LearningRate.constant(0.025), 0.9, 3e-4, 5)))
                .validation(v -> v.minimize(a, Adam.of(3e-4)).loss(MeanLoss.of(model, val)).validationData(val))
                .build();                                            // checks the rules of Section 2.2.2
        System.out.println(program.explain());                       // the paper's stage tables

        try (ProgramState state = ProgramState.initialize(program, DataType.FLOAT, 1);       // owns the parameters
             SkillSolver solver = new SkillSolver(program, SolverConfig.secondOrder())) {   // Algorithm 1
            for (int step = 1; step <= steps; step++) {
                StepReport r = solver.step(state);               // frees the step's temporaries on return
                if (step % 100 == 0 || step == steps) {
                    System.out.println("step " + step + ": validation loss " + r.validationValue());
                }
            }
        }
        // --- README example ends here
    }
}
