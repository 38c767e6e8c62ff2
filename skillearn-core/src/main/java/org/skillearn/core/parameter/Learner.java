package org.skillearn.core.parameter;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A learner (Section 2.2): one ML model with one or more learnable parameter sets.
 *
 * <p>Create parameter sets through {@link #parameters(String, ParameterKind)}, so each set
 * knows its owner. A learner is an identity: equality is by object.
 */
public final class Learner {

    private final String name;
    private final List<ParameterSet> sets = new ArrayList<>();

    private Learner(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("learner name must be non-empty");
        }
        this.name = name;
    }

    /** A new learner called {@code name}. */
    public static Learner named(String name) {
        return new Learner(name);
    }

    public String name() {
        return name;
    }

    /** The parameter sets declared so far, in declaration order. */
    public List<ParameterSet> parameterSets() {
        return Collections.unmodifiableList(sets);
    }

    /** Starts declaring a parameter set owned by this learner. */
    public ParameterSet.Builder parameters(String setName, ParameterKind kind) {
        return new ParameterSet.Builder(this, setName, kind);
    }

    void register(ParameterSet set) {
        for (ParameterSet s : sets) {
            if (s.name().equals(set.name())) {
                throw new IllegalArgumentException("learner '" + name + "' already has a parameter set '" + set.name() + "'");
            }
        }
        sets.add(set);
    }

    @Override
    public String toString() {
        return name;
    }
}
