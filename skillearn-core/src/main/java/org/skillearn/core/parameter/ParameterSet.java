package org.skillearn.core.parameter;

/**
 * A learnable parameter set W_i^(m) of a learner (Section 2.2.1): network weights, an
 * architecture, example weights, hyperparameters. It is a declaration (name, kind, tensor
 * layout, initializer); its values live in a {@link org.skillearn.core.solver.ProgramState}.
 *
 * <p>Equality is by object: two sets with equal names are still different sets, but a
 * program rejects duplicate names so tables and messages stay unambiguous.
 */
public final class ParameterSet {

    private final Learner owner;
    private final String name;
    private final ParameterKind kind;
    private final TensorLayout layout;
    private final Initializer initializer;
    private final String symbol;

    private ParameterSet(Builder b) {
        this.owner = b.owner;
        this.name = b.name;
        this.kind = b.kind;
        this.layout = b.layout;
        this.initializer = b.initializer;
        this.symbol = b.symbol == null ? b.name : b.symbol;
    }

    public Learner owner() {
        return owner;
    }

    /** The set's name, unique in a program. */
    public String name() {
        return name;
    }

    /** The paper's symbol for the set (e.g. "A", "W", "E"), for tables; defaults to the name. */
    public String symbol() {
        return symbol;
    }

    public ParameterKind kind() {
        return kind;
    }

    public TensorLayout layout() {
        return layout;
    }

    /** Number of scalar parameters. */
    public long length() {
        return layout.length();
    }

    public Initializer initializer() {
        return initializer;
    }

    @Override
    public String toString() {
        return name;
    }

    /** Fluent declaration of a parameter set, started from {@link Learner#parameters}. */
    public static final class Builder {
        private final Learner owner;
        private final String name;
        private final ParameterKind kind;
        private TensorLayout layout;
        private TensorLayout.Builder tensors;
        private Initializer initializer = Initializer.zeros();
        private String symbol;

        Builder(Learner owner, String name, ParameterKind kind) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("parameter set name must be non-empty (learner '" + owner.name() + "')");
            }
            if (kind == null) {
                throw new IllegalArgumentException("parameter set '" + name + "' needs a kind");
            }
            this.owner = owner;
            this.name = name;
            this.kind = kind;
        }

        /** Adds one named tensor of the given shape. */
        public Builder tensor(String tensorName, long... shape) {
            if (layout != null) {
                throw new IllegalStateException("parameter set '" + name + "': use either layout(...) or tensor(...)");
            }
            if (tensors == null) {
                tensors = TensorLayout.builder();
            }
            tensors.add(tensorName, shape);
            return this;
        }

        /** Uses a ready layout. */
        public Builder layout(TensorLayout l) {
            if (tensors != null) {
                throw new IllegalStateException("parameter set '" + name + "': use either layout(...) or tensor(...)");
            }
            this.layout = l;
            return this;
        }

        public Builder init(Initializer init) {
            this.initializer = init;
            return this;
        }

        /** The paper's symbol for tables (e.g. "A"). */
        public Builder symbol(String s) {
            this.symbol = s;
            return this;
        }

        /** Declares the set and registers it with its learner. */
        public ParameterSet build() {
            if (layout == null) {
                if (tensors == null) {
                    throw new IllegalStateException("parameter set '" + name + "' declares no tensors");
                }
                layout = tensors.build();
            }
            ParameterSet set = new ParameterSet(this);
            owner.register(set);
            return set;
        }
    }
}
