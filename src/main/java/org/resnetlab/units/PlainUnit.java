package org.resnetlab.units;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;

/** No shortcut: conv-BN-ReLU-conv-BN, ReLU; the plain counterpart of the original unit. [1] Fig. 1, Fig. 6 left. */
public final class PlainUnit extends ResidualUnit {

    public PlainUnit(UnitConfig config) {
        super(config, Ordering.POST_ACTIVATION, null);
        if (config.zeroInitLastBn()) {
            throw new IllegalArgumentException("a plain unit cannot zero-initialise its last BN: its output would be 0");
        }
    }

    @Override
    protected UnitParts combine(ParameterStore ps, NDArray x, NDArray h, NDArray f, boolean training) {
        return new UnitParts(null, f, Activation.relu(f));
    }
}
