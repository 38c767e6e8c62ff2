package org.skillearn.core.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.skillearn.core.TestPrograms;
import org.skillearn.core.check.HypergradientCheck;
import org.skillearn.core.parameter.ParameterSet;

/**
 * Must-show 1 of the foundation issue: the solver's one-step unrolled hypergradient (reverse
 * adjoint sweep + finite-difference Hessian-vector products, r = 0.01) matches brute-force
 * central differences of the unrolled objective to a relative error ≤ 1e-4 in float64.
 */
class HypergradientCheckTest {

    static Stream<Arguments> problems() {
        return Stream.of(
                Arguments.of("ridge", (Function<Boolean, TestPrograms.Problem>) TestPrograms::ridge),
                Arguments.of("chain", (Function<Boolean, TestPrograms.Problem>) TestPrograms::chain),
                Arguments.of("minMax", (Function<Boolean, TestPrograms.Problem>) TestPrograms::minMax));
    }

    private static HypergradientCheck.Result check(TestPrograms.Problem problem) {
        WarmedProgram w = WarmedProgram.of(problem);
        return HypergradientCheck.run(problem.program(), w.state(), w.batches(), SolverConfig.secondOrder(), 1e-6);
    }

    @ParameterizedTest(name = "{0} with plain-Java objectives")
    @MethodSource("problems")
    void hypergradientMatchesBruteForceWithPlainObjectives(String name, Function<Boolean, TestPrograms.Problem> problem) {
        HypergradientCheck.Result r = check(problem.apply(false));
        assertNonTrivial(r);
        System.out.println("[hypergradient check] " + name + ": " + r);
        assertTrue(r.relativeError() <= 1e-4, name + ": " + r);
    }

    @ParameterizedTest(name = "{0} with SameDiff objectives")
    @MethodSource("problems")
    void hypergradientMatchesBruteForceWithSameDiffObjectives(String name, Function<Boolean, TestPrograms.Problem> problem) {
        HypergradientCheck.Result r = check(problem.apply(true));
        assertNonTrivial(r);
        System.out.println("[hypergradient check] " + name + ": " + r);
        assertTrue(r.relativeError() <= 1e-4, name + ": " + r);
    }

    @ParameterizedTest(name = "{0}: plain and SameDiff objectives agree")
    @MethodSource("problems")
    void plainAndSameDiffObjectivesGiveTheSameHypergradient(String name, Function<Boolean, TestPrograms.Problem> problem) {
        HypergradientCheck.Result plain = check(problem.apply(false));
        HypergradientCheck.Result sd = check(problem.apply(true));
        for (ParameterSet p : plain.solver().keySet()) {
            INDArray other = sd.solver().entrySet().stream().filter(e -> e.getKey().name().equals(p.name()))
                    .findFirst().orElseThrow().getValue();
            INDArray mine = plain.solver().get(p);
            double rel = mine.sub(other).norm2Number().doubleValue() / mine.norm2Number().doubleValue();
            assertTrue(rel < 1e-6, name + "/" + p.name() + ": relative difference " + rel);
        }
    }

    private static void assertNonTrivial(HypergradientCheck.Result r) {
        for (var e : r.bruteForce().entrySet()) {
            assertTrue(e.getValue().norm2Number().doubleValue() > 1e-6,
                    "reference hypergradient of " + e.getKey().name() + " is ~0: the check would be vacuous");
        }
        assertEquals(r.bruteForce().keySet(), r.solver().keySet());
        r.perSet().forEach((set, err) -> assertTrue(err <= 1e-4, "set " + set + ": " + r));
    }
}
