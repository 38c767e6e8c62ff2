package org.skillearn.core.solver;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.skillearn.core.memory.NativeArrays;
import org.skillearn.core.model.SkillProgram;
import org.skillearn.core.model.Stage;
import org.skillearn.core.objective.Bindings;
import org.skillearn.core.optim.Optimizer;
import org.skillearn.core.optim.OptimizerState;
import org.skillearn.core.parameter.ParameterSet;
import org.skillearn.core.runtime.NativeRuntime;

/**
 * The mutable state of a program's run: the current value of every parameter set, each
 * set's optimizer state, and the step counter. A program is a description; a state is one
 * run of it (several runs of one program keep separate states).
 *
 * <p>A state owns the native memory of its values and optimizer buffers; {@link #close()} frees it.
 */
public final class ProgramState implements AutoCloseable {

    private final DataType dataType;
    private final Map<ParameterSet, INDArray> values;
    private final Map<ParameterSet, OptimizerState> optimizerStates;
    private long step;
    private boolean closed;

    private ProgramState(DataType dataType, Map<ParameterSet, INDArray> values, Map<ParameterSet, OptimizerState> states, long step) {
        this.dataType = dataType;
        this.values = values;
        this.optimizerStates = states;
        this.step = step;
    }

    /**
     * Initializes every set of {@code program} with its initializer, deterministically from
     * {@code seed} (each set draws from its own stream, split in program order), and fresh
     * optimizer states.
     */
    public static ProgramState initialize(SkillProgram program, DataType dataType, long seed) {
        NativeRuntime.configure();
        if (!dataType.isFPType()) {
            throw new IllegalArgumentException("parameter values need a floating-point data type, got " + dataType);
        }
        Map<ParameterSet, INDArray> values = new LinkedHashMap<>();
        Map<ParameterSet, OptimizerState> states = new LinkedHashMap<>();
        SplittableRandom root = new SplittableRandom(seed);
        for (ParameterSet set : program.parameterSets()) {
            SplittableRandom r = root.split();
            long n = set.length();
            if (n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("parameter set '" + set.name() + "' has " + n + " elements; at most 2^31-1 are supported");
            }
            double[] init = new double[(int) n];
            set.initializer().fill(set.layout(), r, init);
            INDArray v = Nd4j.createFromArray(init).castTo(dataType);
            values.put(set, v);
            states.put(set, optimizerFor(program, set).init(v));
        }
        return new ProgramState(dataType, values, states, 0);
    }

    /** The optimizer that updates {@code set}: its stage's, or the validation stage's for a remaining set. */
    static Optimizer optimizerFor(SkillProgram program, ParameterSet set) {
        Stage s = program.learnedIn(set);
        return s != null ? s.optimizer() : program.validation().optimizer(set);
    }

    public DataType dataType() {
        return dataType;
    }

    /** The live value vector of {@code set} (updated in place by the solver). */
    public INDArray value(ParameterSet set) {
        INDArray v = values.get(set);
        if (v == null && closed) {
            throw new IllegalStateException("this program state is closed; parameter set '" + set.name() + "' is gone");
        }
        if (v == null) {
            throw new IllegalArgumentException("parameter set '" + set.name() + "' is not part of this program state");
        }
        return v;
    }

    /** Overwrites the value of {@code set} (same length), e.g. to load pretrained weights. */
    public void setValue(ParameterSet set, INDArray newValue) {
        INDArray v = value(set);
        if (newValue.length() != v.length()) {
            throw new IllegalArgumentException("parameter set '" + set.name() + "' has " + v.length() + " elements, got " + newValue.length());
        }
        v.assign(newValue.reshape(v.shape()));
    }

    public OptimizerState optimizerState(ParameterSet set) {
        return optimizerStates.get(set);
    }

    /** Solver steps taken so far. */
    public long step() {
        return step;
    }

    void advance() {
        step++;
    }

    void setStep(long s) {
        step = s;
    }

    /** Copies every value, optimizer state and the step counter of {@code other} (same program) into this state. */
    void assignFrom(ProgramState other) {
        values.forEach((set, v) -> v.assign(other.value(set)));
        optimizerStates.forEach((set, o) -> {
            OptimizerState src = other.optimizerState(set);
            for (int i = 0; i < o.bufferCount(); i++) {
                if (!o.buffer(i).isEmpty()) {
                    o.buffer(i).assign(src.buffer(i));
                }
            }
            o.setUpdates(src.updates());
        });
        step = other.step;
    }

    /** Bindings of every set to its current value. */
    public Bindings bindings() {
        return this::value;
    }

    /** A deep copy: values and optimizer states. */
    public ProgramState copy() {
        Map<ParameterSet, INDArray> v = new LinkedHashMap<>();
        values.forEach((k, a) -> v.put(k, a.dup()));
        Map<ParameterSet, OptimizerState> s = new LinkedHashMap<>();
        optimizerStates.forEach((k, o) -> s.put(k, o.copy()));
        return new ProgramState(dataType, v, s, step);
    }

    /**
     * Frees every value and optimizer buffer; the state cannot be used afterwards (arrays taken
     * from it before are invalid too).
     */
    @Override
    public void close() {
        values.values().forEach(NativeArrays::release);
        optimizerStates.values().forEach(o -> {
            for (int i = 0; i < o.bufferCount(); i++) {
                NativeArrays.release(o.buffer(i));
            }
        });
        values.clear();
        optimizerStates.clear();
        closed = true;
    }

    /** Bytes held by parameter values (for memory accounting). */
    public long parameterBytes() {
        long b = 0;
        for (INDArray a : values.values()) {
            b += a.length() * a.dataType().width();
        }
        return b;
    }
}
