package org.resnetlab.units;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;

/** (c) ReLU before addition: conv-BN-ReLU-conv-BN-ReLU, add; F is non-negative. [2] Fig. 4(c), Table 2. */
public final class ReluBeforeAddition extends ResidualUnit {

    public ReluBeforeAddition(UnitConfig config) {
        super(config, Ordering.RELU_LAST, Shortcut.forUnit(config, false));
    }

    @Override
    public boolean hasIdentityAfterAddition() {
        return true;
    }

    @Override
    protected UnitParts combine(ParameterStore ps, NDArray x, NDArray h, NDArray f, boolean training) {
        return new UnitParts(h, f, h.add(f));
    }
}
