package org.skillearn.core.parameter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The named tensors that make up one parameter set, packed into one flat vector.
 *
 * <p>A parameter set's value is a single contiguous 1-D array of {@link #length()} elements,
 * so the solver updates a whole set with one array operation; {@link #view} gives each tensor
 * as a reshaped view of that vector (no copy).
 */
public final class TensorLayout {

    /** One named tensor: its shape and its offset in the flat vector. */
    public record Tensor(String name, long[] shape, long offset, long length) {
        @Override
        public String toString() {
            return name + Arrays.toString(shape);
        }
    }

    private final Map<String, Tensor> tensors;
    private final long length;

    private TensorLayout(Map<String, Tensor> tensors, long length) {
        this.tensors = Collections.unmodifiableMap(tensors);
        this.length = length;
    }

    /** A layout with a single tensor. */
    public static TensorLayout single(String name, long... shape) {
        return builder().add(name, shape).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Total number of scalar parameters. */
    public long length() {
        return length;
    }

    /** The tensors in declaration order. */
    public List<Tensor> tensors() {
        return new ArrayList<>(tensors.values());
    }

    /** The tensor called {@code name}; throws naming the known tensors if there is none. */
    public Tensor tensor(String name) {
        Tensor t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no tensor '" + name + "' in layout; known: " + tensors.keySet());
        }
        return t;
    }

    /** The tensor {@code name} of a flat value vector, as a view with the tensor's shape. */
    public INDArray view(INDArray flat, String name) {
        if (flat.length() != length) {
            throw new IllegalArgumentException("flat vector has " + flat.length() + " elements, layout expects " + length);
        }
        Tensor t = tensor(name);
        INDArray slice = tensors.size() == 1 ? flat : flat.get(NDArrayIndex.interval(t.offset(), t.offset() + t.length()));
        return slice.reshape('c', t.shape());
    }

    @Override
    public String toString() {
        return tensors.values().toString();
    }

    /** Fluent builder of a layout. */
    public static final class Builder {
        private final Map<String, Tensor> tensors = new LinkedHashMap<>();
        private long offset;

        /** Appends a tensor of the given shape. */
        public Builder add(String name, long... shape) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("tensor name must be non-empty");
            }
            if (tensors.containsKey(name)) {
                throw new IllegalArgumentException("duplicate tensor name '" + name + "'");
            }
            long n = 1;
            for (long d : shape) {
                if (d <= 0) {
                    throw new IllegalArgumentException("tensor '" + name + "' has non-positive dimension in " + Arrays.toString(shape));
                }
                n *= d;
            }
            tensors.put(name, new Tensor(name, shape.clone(), offset, n));
            offset += n;
            return this;
        }

        public TensorLayout build() {
            if (tensors.isEmpty()) {
                throw new IllegalArgumentException("a layout needs at least one tensor");
            }
            return new TensorLayout(new LinkedHashMap<>(tensors), offset);
        }
    }
}
