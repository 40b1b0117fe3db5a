package org.resnetlab.units;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;

/** Dropout shortcut: y = dropout(h(x)) + F(x), ReLU; dropout acts only in training. [2] Fig. 2(f), Table 1 row 11. */
public final class DropoutShortcut extends ResidualUnit {

    private final float rate;

    public DropoutShortcut(UnitConfig config, float rate) {
        super(config, Ordering.POST_ACTIVATION, Shortcut.forUnit(config, false));
        this.rate = rate;
    }

    public float rate() {
        return rate;
    }

    @Override
    protected UnitParts combine(ParameterStore ps, NDArray x, NDArray h, NDArray f, boolean training) {
        NDArray dropped = training ? Dropout.dropout(h, rate, true).singletonOrThrow() : h;
        return new UnitParts(dropped, f, Activation.relu(dropped.add(f)));
    }
}
