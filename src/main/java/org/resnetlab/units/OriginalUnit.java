package org.resnetlab.units;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;

/** (a) The original unit of [1]: conv-BN-ReLU-conv-BN, add, ReLU. [2] Fig. 4(a), Table 2 row 1, Table 1 row 1. */
public final class OriginalUnit extends ResidualUnit {

    public OriginalUnit(UnitConfig config) {
        super(config, Ordering.POST_ACTIVATION, Shortcut.forUnit(config, false));
    }

    @Override
    protected UnitParts combine(ParameterStore ps, NDArray x, NDArray h, NDArray f, boolean training) {
        return new UnitParts(h, f, Activation.relu(h.add(f)));
    }
}
