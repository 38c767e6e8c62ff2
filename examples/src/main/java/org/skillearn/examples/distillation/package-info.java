/**
 * A third skill declared with the public API, as the user guide's worked example: knowledge
 * distillation (Section 2.1 and 2.2 of the paper). A teacher is trained in stage 1; in stage 2 a
 * student learns from the teacher's softened predictions on an unlabelled transfer set, reading the
 * teacher's solution; the validation stage tunes the distillation temperature and the student's
 * architecture on labelled validation data. The loss with analytic gradients is
 * {@link org.skillearn.examples.distillation.DistillationLoss}; the program is built by
 * {@link org.skillearn.examples.distillation.KnowledgeDistillation}.
 */
package org.skillearn.examples.distillation;
