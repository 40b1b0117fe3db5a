package org.resnetlab.units;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;

/** 1×1 conv shortcut on every unit: y = W_s x + F(x), ReLU. [2] Fig. 2(e), Table 1 row 10. */
public final class ConvShortcut extends ResidualUnit {

    public ConvShortcut(UnitConfig config) {
        super(config, Ordering.POST_ACTIVATION, Shortcut.projection(config, false));
    }

    @Override
    protected UnitParts combine(ParameterStore ps, NDArray x, NDArray h, NDArray f, boolean training) {
        return new UnitParts(h, f, Activation.relu(h.add(f)));
    }
}
