package org.resnetlab.units;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;

/** Exclusive gating (Highway-like): y = (1−g(x))·h(x) + g(x)·F(x), ReLU. [2] Fig. 2(c), Table 1 rows 5–7. */
public final class ExclusiveGating extends GatedUnit {

    public ExclusiveGating(UnitConfig config, float initialGateBias) {
        super(config, initialGateBias);
    }

    @Override
    protected UnitParts combine(ParameterStore ps, NDArray x, NDArray h, NDArray residual, boolean training) {
        NDArray g = gate.apply(ps, x, training);
        NDArray shortcutTerm = g.neg().add(1f).mul(h);
        NDArray residualTerm = g.mul(residual);
        return new UnitParts(shortcutTerm, residualTerm, afterAddition(ps, shortcutTerm.add(residualTerm), training));
    }
}
