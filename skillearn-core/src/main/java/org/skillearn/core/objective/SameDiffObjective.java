package org.skillearn.core.objective;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.skillearn.core.data.DataSource;
import org.skillearn.core.parameter.ParameterSet;
import org.skillearn.core.parameter.TensorLayout;

/**
 * An objective defined by a SameDiff graph, for small models: each tensor of a bound parameter
 * set is a SameDiff variable, each data source feeds placeholders, and one variable is the
 * scalar loss. Value and gradients come from one {@code calculateGradientsAndOutputs} call.
 *
 * <p>Before an evaluation the bound values are copied into the graph's variables (never shared:
 * ND4J #7355). SameDiff's gradient executor grows superlinearly with graph size, so large
 * networks should implement {@link Objective} directly. Not thread-safe: one instance per thread.
 */
public final class SameDiffObjective implements Objective {

    private final SameDiff sd;
    private final String loss;
    private final Map<ParameterSet, List<String>> variables;
    private final Map<DataSource<?>, Function<Object, Map<String, INDArray>>> feeds;
    private final String description;

    private SameDiffObjective(Builder b) {
        this.sd = b.sd;
        this.loss = b.loss;
        this.variables = new LinkedHashMap<>(b.variables);
        this.feeds = new LinkedHashMap<>(b.feeds);
        this.description = b.description == null ? "SameDiff(" + b.loss + ")" : b.description;
        sd.setLossVariables(loss);
    }

    /** Starts an objective whose value is the scalar variable {@code lossVariable} of {@code sd}. */
    public static Builder builder(SameDiff sd, String lossVariable) {
        return new Builder(sd, lossVariable);
    }

    @Override
    public Set<ParameterSet> parameters() {
        return variables.keySet();
    }

    @Override
    public Evaluation evaluate(Bindings params, Batches batches, Set<ParameterSet> wrt) {
        for (Map.Entry<ParameterSet, List<String>> e : variables.entrySet()) {
            ParameterSet set = e.getKey();
            INDArray flat = params.value(set);
            List<TensorLayout.Tensor> tensors = set.layout().tensors();
            for (int i = 0; i < tensors.size(); i++) {
                sd.getVariable(e.getValue().get(i)).getArr().assign(set.layout().view(flat, tensors.get(i).name()));
            }
        }
        Map<String, INDArray> placeholders = new HashMap<>();
        feeds.forEach((source, feed) -> placeholders.putAll(feed.apply(batches.get(source))));
        List<String> gradNames = new ArrayList<>();
        for (ParameterSet s : wrt) {
            List<String> names = variables.get(s);
            if (names == null) {
                throw new IllegalArgumentException("objective " + description + " does not read parameter set '" + s.name() + "'");
            }
            gradNames.addAll(names);
        }
        double value;
        Map<ParameterSet, INDArray> grads = new HashMap<>();
        if (gradNames.isEmpty()) {
            try (MemoryWorkspace sameDiffOwned = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                value = sd.output(placeholders, loss).get(loss).getDouble(0);
            }
        } else {
            // SameDiff keeps arrays of its own across calls (constants, axis arguments, its session's
            // cache): it runs outside the caller's step workspace, and only the flattened gradients
            // are allocated in the caller's scope
            OutAndGrad og;
            try (MemoryWorkspace sameDiffOwned = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                og = sd.calculateGradientsAndOutputs(placeholders, List.of(loss), gradNames);
            }
            value = og.getOutputs().get(loss).getDouble(0);
            for (ParameterSet s : wrt) {
                List<String> names = variables.get(s);
                INDArray[] parts = new INDArray[names.size()];
                for (int i = 0; i < parts.length; i++) {
                    INDArray g = og.getGradients().get(names.get(i));
                    parts[i] = g != null ? g : sd.getVariable(names.get(i)).getArr().ulike().assign(0);
                }
                grads.put(s, Nd4j.toFlattened('c', parts));
            }
        }
        return new Evaluation(value, grads);
    }

    @Override
    public String description() {
        return description;
    }

    /** Fluent construction of a {@link SameDiffObjective}. */
    public static final class Builder {
        private final SameDiff sd;
        private final String loss;
        private final Map<ParameterSet, List<String>> variables = new LinkedHashMap<>();
        private final Map<DataSource<?>, Function<Object, Map<String, INDArray>>> feeds = new LinkedHashMap<>();
        private String description;

        Builder(SameDiff sd, String loss) {
            if (!sd.hasVariable(loss)) {
                throw new IllegalArgumentException("SameDiff graph has no loss variable '" + loss + "'");
            }
            this.sd = sd;
            this.loss = loss;
        }

        /**
         * Binds the tensors of {@code set}, in layout order, to the named SameDiff variables,
         * which must exist with the tensors' shapes.
         */
        public Builder parameter(ParameterSet set, String... variableNames) {
            List<TensorLayout.Tensor> tensors = set.layout().tensors();
            if (variableNames.length != tensors.size()) {
                throw new IllegalArgumentException("parameter set '" + set.name() + "' has " + tensors.size()
                        + " tensors but " + variableNames.length + " variable names were given");
            }
            for (int i = 0; i < variableNames.length; i++) {
                SDVariable v = sd.getVariable(variableNames[i]);
                if (v == null || v.getArr() == null) {
                    throw new IllegalArgumentException("SameDiff graph has no variable '" + variableNames[i]
                            + "' for tensor '" + tensors.get(i).name() + "' of parameter set '" + set.name() + "'");
                }
                if (!java.util.Arrays.equals(v.getArr().shape(), tensors.get(i).shape())) {
                    throw new IllegalArgumentException("variable '" + variableNames[i] + "' has shape "
                            + java.util.Arrays.toString(v.getArr().shape()) + " but tensor '" + tensors.get(i).name()
                            + "' of parameter set '" + set.name() + "' has shape " + java.util.Arrays.toString(tensors.get(i).shape()));
                }
            }
            variables.put(set, List.of(variableNames));
            return this;
        }

        /** Feeds placeholders from the batch of {@code source}. */
        @SuppressWarnings("unchecked")
        public <B> Builder input(DataSource<B> source, Function<B, Map<String, INDArray>> feed) {
            feeds.put(source, b -> feed.apply((B) b));
            return this;
        }

        public Builder description(String d) {
            this.description = d;
            return this;
        }

        public SameDiffObjective build() {
            if (variables.isEmpty()) {
                throw new IllegalArgumentException("SameDiff objective '" + loss + "' binds no parameter set");
            }
            return new SameDiffObjective(this);
        }
    }

    /** The names of every set's variables (for diagnostics). */
    public Map<String, List<String>> variableNames() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        variables.forEach((s, n) -> m.put(s.name(), n));
        return m;
    }

}
