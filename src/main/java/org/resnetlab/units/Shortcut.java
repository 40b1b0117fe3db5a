package org.resnetlab.units;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The shortcut path h(x) of a residual unit: the identity, [1]'s option A (identity with stride-s subsampling
 * and zero-padded extra channels, parameter-free), or a 1×1 projection (option B, and [2] Fig. 2(e)).
 */
public final class Shortcut extends AbstractBlock implements Cost.Counted {

    /** What the shortcut computes. */
    public enum Kind { IDENTITY, ZERO_PAD, PROJECTION }

    private final Kind kind;
    private final int stride;
    private final int outChannels;
    private final Conv2d projection;
    private final BatchNorm projectionBn;

    private Shortcut(Kind kind, int stride, int outChannels, boolean projectionBn) {
        this.kind = kind;
        this.stride = stride;
        this.outChannels = outChannels;
        if (kind == Kind.PROJECTION) {
            projection = addChildBlock("conv", Layers.conv(1, outChannels, stride));
            this.projectionBn = projectionBn ? addChildBlock("bn", Layers.batchNorm()) : null;
        } else {
            projection = null;
            this.projectionBn = null;
        }
    }

    /**
     * The shortcut a unit with this config gets: identity when the shape is kept, otherwise option A or a
     * projection (followed by BN in post-activation units, as in [1]; bare in pre-activation units, as in [2]).
     */
    public static Shortcut forUnit(UnitConfig config, boolean preActivation) {
        if (!config.changesShape()) {
            return new Shortcut(Kind.IDENTITY, 1, config.outChannels(), false);
        }
        if (config.shortcut() == ShortcutOption.A) {
            if (config.outChannels() < config.inChannels()) {
                throw new IllegalArgumentException("option A can only add channels (" + config.inChannels() + " -> "
                        + config.outChannels() + "); use option B");
            }
            return new Shortcut(Kind.ZERO_PAD, config.stride(), config.outChannels(), false);
        }
        return projection(config, !preActivation);
    }

    /** A 1×1 convolution (with the unit's stride) on every unit, optionally followed by BN. */
    public static Shortcut projection(UnitConfig config, boolean withBn) {
        return new Shortcut(Kind.PROJECTION, config.stride(), config.outChannels(), withBn);
    }

    public Kind kind() {
        return kind;
    }

    public boolean isIdentity() {
        return kind == Kind.IDENTITY;
    }

    /** h(x); x is the raw unit input for IDENTITY / ZERO_PAD and the pre-activated input for a projection. */
    public NDArray apply(ParameterStore ps, NDArray x, boolean training) {
        switch (kind) {
            case IDENTITY:
                return x;
            case ZERO_PAD:
                NDArray sub = stride == 1 ? x : x.get(":, :, ::" + stride + ", ::" + stride);
                long extra = outChannels - sub.getShape().get(1);
                if (extra == 0) {
                    return sub;
                }
                Shape s = sub.getShape();
                // concat with zeros rather than NDArray.pad, which MXNet does not implement
                NDArray zeros = x.getManager().zeros(new Shape(s.get(0), extra, s.get(2), s.get(3)),
                        x.getDataType(), x.getDevice());
                return sub.concat(zeros, 1);
            default:
                NDArray y = projection.forward(ps, new NDList(x), training).singletonOrThrow();
                return projectionBn == null ? y : projectionBn.forward(ps, new NDList(y), training).singletonOrThrow();
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        return new NDList(apply(ps, inputs.singletonOrThrow(), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        Shape in = inputs[0];
        if (kind == Kind.IDENTITY) {
            return new Shape[] {in};
        }
        return new Shape[] {new Shape(in.get(0), outChannels, ceilDiv(in.get(2), stride), ceilDiv(in.get(3), stride))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        if (projection != null) {
            projection.initialize(manager, dataType, inputShapes);
            if (projectionBn != null) {
                projectionBn.initialize(manager, dataType, projection.getOutputShapes(inputShapes));
            }
        }
    }

    @Override
    public Cost cost(Shape input) {
        if (projection == null) {
            return Cost.ZERO;
        }
        Cost c = Cost.of(projection, input);
        return projectionBn == null ? c : c.plus(Cost.of(projectionBn, projection.getOutputShapes(new Shape[] {input})[0]));
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
