package org.skillearn.examples.distillation;

import org.skillearn.core.examplemodels.EncodedClassifier;
import org.skillearn.core.examplemodels.GatedSoftmaxRegression;
import org.skillearn.core.model.SkillProgram;
import org.skillearn.core.parameter.ParameterSet;

/**
 * A built knowledge-distillation program and the handles a user needs after solving it.
 *
 * @param program      the program the solver runs
 * @param teacher      the teacher as a classifier (stage 1's loss, test accuracy)
 * @param student      the student as a classifier (the validation loss, test accuracy)
 * @param loss         the distillation loss (stage 2; reads the temperature)
 * @param architecture the student's architecture A_S (a remaining set)
 * @param temperature  the temperature T (a remaining set)
 */
public record DistillationProgram(SkillProgram program, EncodedClassifier teacher, GatedSoftmaxRegression student,
        DistillationLoss loss, ParameterSet architecture, ParameterSet temperature) {
}
