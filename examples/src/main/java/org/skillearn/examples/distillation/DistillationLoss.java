package org.skillearn.examples.distillation;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.skillearn.core.data.ImageBatch;
import org.skillearn.core.examplemodels.LinearLogits;
import org.skillearn.core.objective.Bindings;
import org.skillearn.core.objective.ExampleFunction;
import org.skillearn.core.parameter.Initializer;
import org.skillearn.core.parameter.Learner;
import org.skillearn.core.parameter.ParameterKind;
import org.skillearn.core.parameter.ParameterSet;

/**
 * The interaction of knowledge distillation: the student learns the teacher's softened
 * predictions on an example, ℓ_KD(T, S, τ, d) = τ² · CE(softmax(z_T(x)/τ), softmax(z_S(x)/τ))
 * ({@link SoftTargets}). It reads no label, so the transfer set may be unlabelled. The temperature
 * τ = exp(log τ) is a parameter set (a hyperparameter) with gradients like the others, so a
 * validation stage can tune it.
 */
public final class DistillationLoss implements ExampleFunction<ImageBatch> {

    /** The temperature set's tensor, log τ [1]. */
    public static final String LOG_TEMPERATURE = "log_t";

    private final LinearLogits teacher;
    private final LinearLogits student;
    private final ParameterSet temperature;

    /**
     * @param teacher     the teacher's logits
     * @param student     the student's logits
     * @param temperature a set with tensor {@value #LOG_TEMPERATURE} [1] ({@link #temperatureSet})
     */
    public DistillationLoss(LinearLogits teacher, LinearLogits student, ParameterSet temperature) {
        if (temperature.layout().tensor(LOG_TEMPERATURE).shape().length != 1 || temperature.length() != 1) {
            throw new IllegalArgumentException("temperature set '" + temperature.name() + "' must hold one value, "
                    + LOG_TEMPERATURE + " [1]");
        }
        this.teacher = teacher;
        this.student = student;
        this.temperature = temperature;
    }

    /** Declares the temperature set log τ [1] on {@code owner}, starting at τ = {@code initial}. */
    public static ParameterSet temperatureSet(Learner owner, String name, double initial) {
        if (!(initial > 0)) {
            throw new IllegalArgumentException("the initial temperature must be > 0, got " + initial);
        }
        return owner.parameters(name, ParameterKind.HYPERPARAMETERS).tensor(LOG_TEMPERATURE, 1)
                .init(Initializer.constant(Math.log(initial))).symbol(name).build();
    }

    /** τ under {@code params}. */
    public double temperature(Bindings params) {
        return Math.exp(params.value(temperature).getDouble(0));
    }

    @Override
    public Set<ParameterSet> parameters() {
        Set<ParameterSet> s = new LinkedHashSet<>(teacher.parameters());
        s.addAll(student.parameters());
        s.add(temperature);
        return s;
    }

    @Override
    public String description() {
        return "ℓ_KD(" + teacher.symbols() + "; " + student.symbols() + "; " + temperature.symbol() + ", d)";
    }

    @Override
    public Tape forward(Bindings params, ImageBatch batch) {
        double tau = temperature(params);
        LinearLogits.Pass t = teacher.forward(params, batch.featureMatrix());
        LinearLogits.Pass s = student.forward(params, batch.featureMatrix());
        SoftTargets kd = new SoftTargets(s.logits(), t.logits(), tau);
        return new Tape() {
            @Override
            public INDArray values() {
                return kd.losses();
            }

            @Override
            public Map<ParameterSet, INDArray> backward(INDArray upstream, Set<ParameterSet> wrt) {
                Map<ParameterSet, INDArray> out = new HashMap<>(s.backward(kd.studentLogitGradient(upstream), wrt));
                Set<ParameterSet> teacherSets = new LinkedHashSet<>(wrt);
                teacherSets.retainAll(teacher.parameters());
                if (!teacherSets.isEmpty()) {
                    out.putAll(t.backward(kd.teacherLogitGradient(upstream), teacherSets));
                }
                if (wrt.contains(temperature)) {
                    out.put(temperature, Nd4j.create(new double[] {kd.logTemperatureGradient(upstream)}, new long[] {1}, upstream.dataType()));
                }
                return out;
            }
        };
    }
}
