package org.resnetlab.units;

import ai.djl.ndarray.NDList;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** DJL's Conv2d; inside an {@link Autocast} scope it computes in bfloat16 and returns float32. */
final class CastingConv2d extends Conv2d {

    CastingConv2d(Conv2d.Builder builder) {
        super(builder);
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        if (!Autocast.active()) {
            return super.forwardInternal(parameterStore, inputs, training, params);
        }
        return Autocast.forwardInLowPrecision(parameterStore, inputs, training, weight, includeBias ? bias : null,
                (x, w, b) -> Conv2d.conv2d(x, w, b, stride, padding, dilation, groups));
    }
}
