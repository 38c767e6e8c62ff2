package org.skillearn.examples.distillation;

import org.skillearn.core.data.DataSource;
import org.skillearn.core.data.ImageBatch;
import org.skillearn.core.examplemodels.EncodedClassifier;
import org.skillearn.core.examplemodels.GatedSoftmaxRegression;
import org.skillearn.core.examplemodels.LinearLogits;
import org.skillearn.core.examplemodels.TanhEncoder;
import org.skillearn.core.model.SkillProgram;
import org.skillearn.core.objective.MeanLoss;
import org.skillearn.core.optim.Optimizer;
import org.skillearn.core.parameter.ParameterSet;

/**
 * Knowledge distillation as a Skillearn program (Section 2.1–2.2 of the paper: "1) a teacher model
 * is trained; 2) the teacher model predicts pseudo labels on an unlabeled dataset and the
 * pseudo-labeled dataset is used to train the student model"; 3) the student is validated):
 *
 * <pre>
 *   max/min over A_S, T:  L(A_S, W_S*, D_val)                                   (validation stage)
 *   s.t. W_S*(A_S, T) = argmin_{W_S} L_KD(E_T*, X_T*; A_S, W_S; T, F_transfer)   (stage "student")
 *        E_T*, X_T*   = argmin_{E_T, X_T} L(E_T, X_T, D_tr)                      (stage "teacher")
 * </pre>
 *
 * The teacher (a tanh encoder E_T with a softmax head X_T) learns from labelled data; the student
 * (softmax regression W_S on inputs gated by its architecture A_S) learns only from the teacher's
 * soft targets on an unlabelled transfer set, reading the teacher's solution (its one-step
 * look-ahead) through {@code usesSolutionOf}; the validation stage tunes the distillation
 * temperature T and the student's architecture A_S on labelled validation data.
 */
public final class KnowledgeDistillation {

    private ParameterSet teacherEncoder;
    private ParameterSet teacherHead;
    private ParameterSet studentGate;
    private ParameterSet studentWeights;
    private ParameterSet temperature;
    private DataSource<ImageBatch> labelled;
    private DataSource<ImageBatch> transfer;
    private DataSource<ImageBatch> validation;
    private Optimizer teacherOptimizer;
    private Optimizer studentOptimizer;
    private Optimizer architectureOptimizer;
    private Optimizer temperatureOptimizer;

    private KnowledgeDistillation() {
    }

    /** Starts a declaration. */
    public static KnowledgeDistillation builder() {
        return new KnowledgeDistillation();
    }

    /** The teacher: encoder E_T ("e" [d, h]) and head X_T ("w" [h, c], "b" [c]). */
    public KnowledgeDistillation teacher(ParameterSet encoder, ParameterSet head) {
        this.teacherEncoder = encoder;
        this.teacherHead = head;
        return this;
    }

    /** The student: gate A_S ("gate" [d]) and weights W_S ("w" [d, c], "b" [c]). */
    public KnowledgeDistillation student(ParameterSet gate, ParameterSet weights) {
        this.studentGate = gate;
        this.studentWeights = weights;
        return this;
    }

    /** The temperature T ({@link DistillationLoss#temperatureSet}). */
    public KnowledgeDistillation temperature(ParameterSet t) {
        this.temperature = t;
        return this;
    }

    /** Labelled training data (teacher), the unlabelled transfer set (student), labelled validation data. */
    public KnowledgeDistillation data(DataSource<ImageBatch> labelledTrain, DataSource<ImageBatch> unlabelledTransfer,
            DataSource<ImageBatch> labelledValidation) {
        this.labelled = labelledTrain;
        this.transfer = unlabelledTransfer;
        this.validation = labelledValidation;
        return this;
    }

    /** The optimizers of the teacher, the student's weights, its architecture and the temperature. */
    public KnowledgeDistillation optimizers(Optimizer teacher, Optimizer student, Optimizer architecture, Optimizer temp) {
        this.teacherOptimizer = teacher;
        this.studentOptimizer = student;
        this.architectureOptimizer = architecture;
        this.temperatureOptimizer = temp;
        return this;
    }

    /** Builds the program; the rules of Section 2.2.2 are checked by {@link SkillProgram.Builder#build()}. */
    public DistillationProgram build() {
        require(teacherEncoder, "teacher(...)");
        require(studentGate, "student(...)");
        require(temperature, "temperature(...)");
        require(labelled, "data(...)");
        require(teacherOptimizer, "optimizers(...)");
        EncodedClassifier teacher = new EncodedClassifier(new TanhEncoder(teacherEncoder), teacherHead);
        GatedSoftmaxRegression student = new GatedSoftmaxRegression(studentGate, studentWeights);
        DistillationLoss kd = new DistillationLoss(LinearLogits.on(new TanhEncoder(teacherEncoder), teacherHead),
                LinearLogits.gated(studentGate, studentWeights), temperature);
        SkillProgram program = SkillProgram.builder("knowledge distillation")
                .stage("teacher", s -> s.active(teacherEncoder, teacherHead)
                        .loss(MeanLoss.of(teacher, labelled)).trainingData(labelled).optimizer(teacherOptimizer))
                .stage("student", s -> s.active(studentWeights).supporting(studentGate, temperature)
                        .usesSolutionOf(teacherEncoder, teacherHead)
                        .loss(MeanLoss.of(kd, transfer)).auxiliaryData(transfer).optimizer(studentOptimizer))
                .validation(v -> v.minimize(studentGate, architectureOptimizer).minimize(temperature, temperatureOptimizer)
                        .loss(MeanLoss.of(student, validation)).validationData(validation))
                .build();
        return new DistillationProgram(program, teacher, student, kd, studentGate, temperature);
    }

    private static void require(Object o, String what) {
        if (o == null) {
            throw new IllegalStateException("knowledge distillation: " + what + " was not declared");
        }
    }
}
