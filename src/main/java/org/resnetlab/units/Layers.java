package org.resnetlab.units;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;

/** The two weighted layers every unit is made of, configured as in [1]/[2]: bias-free convs (BN follows), He init. */
public final class Layers {
    private Layers() {}

    /**
     * A k×k convolution with "same" padding and no bias; weights get DJL's default He (MSRA) initialisation.
     * DJL's Conv2d, computing in bfloat16 inside an {@link Autocast} scope (bf16 runs) and exactly as Conv2d outside.
     */
    public static Conv2d conv(int kernel, int filters, int stride) {
        return new CastingConv2d(Conv2d.builder()
                .setKernelShape(new Shape(kernel, kernel))
                .setFilters(filters)
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(kernel / 2, kernel / 2))
                .optBias(false));
    }

    /** The classifier: DJL's Linear (with bias), computing in bfloat16 inside an {@link Autocast} scope. */
    public static Linear linear(int units) {
        return new CastingLinear(Linear.builder().setUnits(units));
    }

    public static BatchNorm batchNorm() {
        return BatchNorm.builder().build();
    }

    /** ReLU as a block whose output shape needs no arrays. */
    public static ai.djl.nn.Block relu() {
        return ShapeOnlyBlock.relu();
    }

    /** Global average pooling (N, C, H, W) → (N, C) as a block whose output shape needs no arrays. */
    public static ai.djl.nn.Block globalAvgPool() {
        return ShapeOnlyBlock.globalAvgPool();
    }
}
