package org.skillearn.darts.genotype;

import org.skillearn.darts.ops.Primitive;

/**
 * One retained edge of a derived cell: operation {@code op} applied to state {@code input}
 * (0, 1 = the cell inputs, 2.. = intermediate nodes).
 */
public record Gene(Primitive op, int input) {

    public Gene {
        if (op == null) {
            throw new IllegalArgumentException("a gene needs an operation");
        }
        if (input < 0) {
            throw new IllegalArgumentException("gene input must be >= 0, got " + input);
        }
    }

    @Override
    public String toString() {
        return "('" + op.dartsName() + "', " + input + ")";
    }
}
