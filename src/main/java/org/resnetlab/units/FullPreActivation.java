package org.resnetlab.units;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;

/**
 * (e) Full pre-activation: BN-ReLU-conv-BN-ReLU-conv, add. h and f are identities, so x_L = x_l + Σ F(x_i).
 * [2] Fig. 4(e), Table 2–4; the projection shortcut (option B) reads the pre-activated input.
 */
public final class FullPreActivation extends ResidualUnit {

    public FullPreActivation(UnitConfig config) {
        super(config, Ordering.FULL_PRE_ACTIVATION, Shortcut.forUnit(config, true));
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
