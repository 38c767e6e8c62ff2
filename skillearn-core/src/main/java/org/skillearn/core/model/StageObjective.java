package org.skillearn.core.model;

import org.skillearn.core.objective.Objective;
import org.skillearn.core.objective.WeightedSum;

/**
 * What a stage minimises, the part every stage of Eq. (1) shares, the validation stage included:
 * a loss L plus, optionally, an interaction I weighted by the trade-off γ (L_k + γ_k I_k for stage k,
 * L_val + γ_val I_val for the validation stage).
 *
 * @param loss        the stage's loss L
 * @param interaction its interaction I, or null for none
 * @param gamma       the trade-off γ (finite; ignored without an interaction)
 */
public record StageObjective(Objective loss, Objective interaction, double gamma) {

    /**
     * The objective of the stage {@code stage} (e.g. "stage 'I'", "the validation stage").
     *
     * @param lossName what the loss is called there, for the error ("training loss", "validation loss")
     * @throws SkillProgramException naming the stage when the loss is missing or γ is not finite
     */
    static StageObjective of(String stage, String lossName, Objective loss, Objective interaction, double gamma) {
        return of(stage, lossName, loss, interaction, gamma, "γ");
    }

    /** As {@link #of(String, String, Objective, Objective, double)}, naming γ {@code symbol} in errors. */
    static StageObjective of(String stage, String lossName, Objective loss, Objective interaction, double gamma, String symbol) {
        if (loss == null) {
            throw new SkillProgramException(stage + " has no " + lossName);
        }
        if (!Double.isFinite(gamma)) {
            throw new SkillProgramException(stage + ": " + symbol + " must be finite, got " + gamma);
        }
        return new StageObjective(loss, interaction, gamma);
    }

    /** L + γ I (just L without an interaction). */
    public Objective combined() {
        return interaction == null ? loss : WeightedSum.of(loss, gamma, interaction);
    }
}
