package org.skillearn.lpt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.skillearn.core.objective.Bindings;
import org.skillearn.core.objective.ExampleFunction;
import org.skillearn.core.parameter.ParameterSet;

class TestStatisticsTest {

    /** An example function returning fixed values per batch (a batch is its values). */
    private static ExampleFunction<double[]> constant() {
        return new ExampleFunction<>() {
            @Override
            public Set<ParameterSet> parameters() {
                return Set.of();
            }

            @Override
            public Tape forward(Bindings params, double[] batch) {
                INDArray v = Nd4j.createFromArray(batch).castTo(DataType.DOUBLE);
                return new Tape() {
                    @Override
                    public INDArray values() {
                        return v;
                    }

                    @Override
                    public Map<ParameterSet, INDArray> backward(INDArray upstream, Set<ParameterSet> wrt) {
                        return Map.of();
                    }
                };
            }

            @Override
            public String description() {
                return "constant";
            }
        };
    }

    @Test
    void aUniformTestHasTheBankLossFullEntropyAndNoSpread() {
        // losses 1, 2, 3, 6 in two batches; selection 0.5 everywhere
        List<double[]> losses = List.of(new double[] {1, 2}, new double[] {3, 6});
        TestStatistics s = TestStatistics.measure(constant(), new UniformHalf(), p -> null, losses);
        assertEquals(3.0, s.difficulty(), 1e-12);
        assertEquals(3.0, s.bankLoss(), 1e-12);
        assertEquals(0.0, s.selectionStd(), 1e-12);
        assertEquals(1.0, s.normalizedEntropy(), 1e-12);
        assertEquals(4, s.examples());
    }

    @Test
    void aTestOnHardExamplesIsHarderThanTheBank() {
        List<double[]> losses = List.of(new double[] {1, 2}, new double[] {3, 6});
        // selection proportional to the loss: difficulty = Σ l² / Σ l = 50 / 12
        TestStatistics s = TestStatistics.measure(constant(), constant(), p -> null, losses);
        assertEquals(50.0 / 12.0, s.difficulty(), 1e-12);
        assertTrue(s.difficulty() > s.bankLoss());
        assertTrue(s.normalizedEntropy() < 1);
        assertTrue(s.selectionStd() > 0);
    }

    @Test
    void severalLossesShareOneSelectionPassAndMatchSeparateMeasures() {
        List<double[]> batches = List.of(new double[] {1, 2}, new double[] {3, 6});
        int[] selectionCalls = {0};
        ExampleFunction<double[]> countingSelection = new UniformHalf() {
            @Override
            public Tape forward(Bindings params, double[] batch) {
                selectionCalls[0]++;
                return constant().forward(params, batch);
            }
        };
        ExampleFunction<double[]> halfLoss = new UniformHalf();
        List<TestStatistics> both = TestStatistics.measureEach(List.of(constant(), halfLoss), countingSelection, p -> null, batches);
        assertEquals(2, selectionCalls[0], "one selection pass per batch");
        assertEquals(TestStatistics.measure(constant(), constant(), p -> null, batches), both.get(0));
        assertEquals(TestStatistics.measure(halfLoss, constant(), p -> null, batches), both.get(1));
        assertEquals(0.5, both.get(1).difficulty(), 1e-12);
    }

    /** f = 0.5 for every example. */
    private static class UniformHalf implements ExampleFunction<double[]> {
        @Override
        public Set<ParameterSet> parameters() {
            return Set.of();
        }

        @Override
        public Tape forward(Bindings params, double[] batch) {
            return constant().forward(params, java.util.Arrays.stream(batch).map(x -> 0.5).toArray());
        }

        @Override
        public String description() {
            return "½";
        }
    }
}
