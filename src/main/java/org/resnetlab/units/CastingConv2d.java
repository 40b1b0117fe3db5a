package org.resnetlab.units;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
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
        NDArray input = inputs.singletonOrThrow();
        Device device = input.getDevice();
        NDArray w = parameterStore.getValue(weight, device, training);
        NDArray b = includeBias ? Autocast.toBf16(parameterStore.getValue(bias, device, training)) : null;
        NDArray out = Conv2d.conv2d(Autocast.toBf16(input), Autocast.toBf16(w), b, stride, padding, dilation, groups)
                .singletonOrThrow();
        return new NDList(Autocast.toFloat32(out));
    }
}
