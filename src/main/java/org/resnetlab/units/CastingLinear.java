package org.resnetlab.units;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** DJL's Linear; inside an {@link Autocast} scope it computes in bfloat16 and returns float32. */
final class CastingLinear extends Linear {

    CastingLinear(Linear.Builder builder) {
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
        Parameter weight = getParameters().get("weight");
        Parameter bias = getParameters().get("bias");
        NDArray w = Autocast.toBf16(parameterStore.getValue(weight, device, training));
        NDArray b = bias == null ? null : Autocast.toBf16(parameterStore.getValue(bias, device, training));
        NDArray out = Linear.linear(Autocast.toBf16(input), w, b).singletonOrThrow();
        return new NDList(Autocast.toFloat32(out));
    }
}
