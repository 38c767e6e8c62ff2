package org.skillearn.lpt;

import java.util.List;
import org.skillearn.core.model.SkillProgram;
import org.skillearn.core.objective.Bindings;
import org.skillearn.core.objective.ExampleFunction;
import org.skillearn.core.objective.Objective;
import org.skillearn.core.parameter.ParameterSet;

/**
 * A built LPT program and the quantities a researcher monitors during search.
 *
 * @param program          the skill program (stages I, II and the validation stage of Eq. 11, or an ablation)
 * @param config           λ, γ and the ablation
 * @param architecture     A
 * @param weights          W
 * @param selectionSet     C (full program and test-only) or S (difficulty only)
 * @param testDifficulty   Σ f ℓ(A, W, d) / Σ f on the bank batch: the testee's loss on the current test (Eq. 9)
 * @param bankLoss         the testee's unweighted mean loss on the bank batch, for comparison
 * @param testerValidation L(E, X, D_er^(val)), or null in the difficulty-only ablation
 * @param testeeLoss       ℓ(A, W, d)
 * @param selection        f(d, C, E), or s(d) in the difficulty-only ablation
 * @param <B>              the batch type
 */
public record LptProgram<B>(SkillProgram program, LptConfig config, ParameterSet architecture, ParameterSet weights,
        ParameterSet selectionSet, Objective testDifficulty, Objective bankLoss, Objective testerValidation,
        ExampleFunction<B> testeeLoss, ExampleFunction<B> selection) {

    /** How hard the current test is, measured over a whole pass of the test bank. */
    public TestStatistics measureTest(Bindings params, Iterable<B> bank) {
        return TestStatistics.measure(testeeLoss, selection, params, bank);
    }

    /**
     * The current test measured, in one pass over {@code bank}, under the testee's loss and under
     * {@code testerLoss} (the tester's executor ℓ(E, X, d)).
     *
     * @return the testee's statistics, then the tester's
     */
    public List<TestStatistics> measureTest(Bindings params, Iterable<B> bank, ExampleFunction<B> testerLoss) {
        return TestStatistics.measureEach(List.of(testeeLoss, testerLoss), selection, params, bank);
    }
}
