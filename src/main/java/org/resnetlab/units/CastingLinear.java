package org.resnetlab.units;

import ai.djl.ndarray.NDList;
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
        return Autocast.forwardInLowPrecision(parameterStore, inputs, training, getParameters().get("weight"),
                getParameters().get("bias"), Linear::linear);
    }
}
