package org.skillearn.core.solver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.skillearn.core.TestPrograms;
import org.skillearn.core.check.BruteForceHypergradient;
import org.skillearn.core.check.HypergradientCheck;
import org.skillearn.core.parameter.ParameterSet;

/**
 * Must-show 3 of the implicit-hypergradient issue: the T-step unrolled hypergradient (reverse mode
 * through T look-ahead steps of every stage) matches brute-force differences of F after T
 * unrolled steps, for T = 1, 3, 5, on the three test programs (SGD with momentum and weight decay,
 * Adam, plain SGD; MIN and MAX).
 */
class UnrolledStepsTest {

    static Stream<Arguments> cases() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (int t : new int[] {1, 3, 5}) {
            b.add(Arguments.of("ridge", (Function<Boolean, TestPrograms.Problem>) TestPrograms::ridge, t));
            b.add(Arguments.of("chain", (Function<Boolean, TestPrograms.Problem>) TestPrograms::chain, t));
            b.add(Arguments.of("minMax", (Function<Boolean, TestPrograms.Problem>) TestPrograms::minMax, t));
        }
        return b.build();
    }

    @ParameterizedTest(name = "{0}, T = {2}")
    @MethodSource("cases")
    void tStepUnrollMatchesBruteForce(String name, Function<Boolean, TestPrograms.Problem> problem, int steps) {
        WarmedProgram w = WarmedProgram.of(problem.apply(false));
        HypergradientCheck.Result r = HypergradientCheck.run(w.problem().program(), w.state(), w.batches(),
                SolverConfig.of(new HypergradientSpec.Unroll(steps)), 1e-6);
        System.out.println("[unroll] " + name + ", T = " + steps + ": " + r);
        for (var e : r.bruteForce().entrySet()) {
            assertTrue(e.getValue().norm2Number().doubleValue() > 1e-6, "reference of " + e.getKey().name() + " is ~0");
        }
        assertTrue(r.relativeError() <= 1e-4, name + ", T = " + steps + ": " + r);
        r.perSet().forEach((set, err) -> assertTrue(err <= 1e-4, "set " + set + ": " + r));
    }

    @Test
    void longerUnrollsDifferentiateADifferentFunction() {
        // the T = 3 solver against the T = 1 reference must fail: the check can tell the unroll lengths apart
        WarmedProgram w = WarmedProgram.of(TestPrograms.chain(false));
        Hypergradient three = w.hypergradient(SolverConfig.of(new HypergradientSpec.Unroll(3)));
        var one = BruteForceHypergradient.compute(w.problem().program(), w.state(), w.batches(), 1e-6, 1);
        double rel = WarmedProgram.relativeError(three, one);
        assertTrue(rel > 1e-2, "T = 3 vs the T = 1 reference: " + rel);
    }

    @Test
    void unrollOfOneStepIsAlgorithmOneBitForBit() {
        WarmedProgram w = WarmedProgram.of(TestPrograms.chain(false));
        Hypergradient a = w.hypergradient(SolverConfig.secondOrder());
        Hypergradient b = w.hypergradient(SolverConfig.of(HypergradientSpec.parse("unroll:1")));
        for (ParameterSet u : w.problem().program().validation().remaining().keySet()) {
            assertArrayEquals(a.gradient(u).toDoubleVector(), b.gradient(u).toDoubleVector(), 0.0, u.name());
        }
    }
}
