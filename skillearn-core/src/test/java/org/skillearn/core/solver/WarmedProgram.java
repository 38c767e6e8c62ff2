package org.skillearn.core.solver;

import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.skillearn.core.TestPrograms;
import org.skillearn.core.objective.Batches;
import org.skillearn.core.parameter.ParameterSet;

/**
 * A test program after two real steps (so momentum buffers and Adam moments are non-zero in the
 * look-ahead), float64, seed 7, with the next step's batches.
 */
record WarmedProgram(TestPrograms.Problem problem, ProgramState state, Batches batches) {

    static WarmedProgram of(TestPrograms.Problem problem) {
        ProgramState state = ProgramState.initialize(problem.program(), DataType.DOUBLE, 7);
        SkillSolver solver = new SkillSolver(problem.program(), SolverConfig.secondOrder());
        solver.run(state, 2);
        return new WarmedProgram(problem, state, solver.drawBatches());
    }

    /** The hypergradient under {@code config} at this state and these batches. */
    Hypergradient hypergradient(SolverConfig config) {
        return new SkillSolver(problem.program(), config).hypergradient(state, batches);
    }

    /** ‖h − reference‖ / ‖reference‖ over all remaining sets together. */
    static double relativeError(Hypergradient h, Map<ParameterSet, INDArray> reference) {
        double num = 0;
        double den = 0;
        for (Map.Entry<ParameterSet, INDArray> e : reference.entrySet()) {
            num += Math.pow(h.gradient(e.getKey()).sub(e.getValue()).norm2Number().doubleValue(), 2);
            den += Math.pow(e.getValue().norm2Number().doubleValue(), 2);
        }
        return Math.sqrt(num / den);
    }
}
