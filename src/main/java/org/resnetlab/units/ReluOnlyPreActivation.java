package org.resnetlab.units;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;

/** (d) ReLU-only pre-activation: ReLU-conv-BN-ReLU-conv-BN, add. [2] Fig. 4(d), Table 2. */
public final class ReluOnlyPreActivation extends ResidualUnit {

    public ReluOnlyPreActivation(UnitConfig config) {
        super(config, Ordering.RELU_PRE_ACTIVATION, Shortcut.forUnit(config, true));
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
