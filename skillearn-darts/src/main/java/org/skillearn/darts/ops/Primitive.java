package org.skillearn.darts.ops;

import java.util.Locale;

/**
 * The eight operations of the DARTS search space, in DARTS' {@code PRIMITIVES} order (the
 * column order of α).
 */
public enum Primitive {
    NONE, MAX_POOL_3X3, AVG_POOL_3X3, SKIP_CONNECT, SEP_CONV_3X3, SEP_CONV_5X5, DIL_CONV_3X3, DIL_CONV_5X5;

    /** The DARTS name, e.g. {@code sep_conv_3x3}. */
    public String dartsName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The primitive with DARTS name {@code name}. */
    public static Primitive fromDartsName(String name) {
        for (Primitive p : values()) {
            if (p.dartsName().equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown DARTS primitive '" + name + "'");
    }

    /**
     * Builds this primitive as the search network has it, for an edge with {@code channels}
     * channels and the given stride (1 or 2): search BN everywhere, pools followed by BN.
     */
    public CandidateOp create(String prefix, long channels, int stride) {
        return create(prefix, channels, stride, ChannelNorm.Factory.SEARCH, ChannelNorm.SEARCH);
    }

    /**
     * Builds this primitive with the convolutions' BNs made by {@code norms} and {@code poolNorm}
     * after the pools (DARTS' evaluation network: affine BNs, no BN after a pool).
     */
    public CandidateOp create(String prefix, long channels, int stride, ChannelNorm.Factory norms, ChannelNorm poolNorm) {
        return switch (this) {
            case NONE -> new ZeroOp(stride);
            case MAX_POOL_3X3 -> new PoolBn(this, PoolBn.Kind.MAX, stride, poolNorm);
            case AVG_POOL_3X3 -> new PoolBn(this, PoolBn.Kind.AVG, stride, poolNorm);
            case SKIP_CONNECT -> stride == 1 ? new IdentityOp() : FactorizedReduce.edgeOp(prefix, channels, channels, norms);
            case SEP_CONV_3X3 -> new SepConv(this, prefix, channels, 3, stride, 1, norms);
            case SEP_CONV_5X5 -> new SepConv(this, prefix, channels, 5, stride, 2, norms);
            case DIL_CONV_3X3 -> new DilConv(this, prefix, channels, 3, stride, 2, 2, norms);
            case DIL_CONV_5X5 -> new DilConv(this, prefix, channels, 5, stride, 4, 2, norms);
        };
    }
}
