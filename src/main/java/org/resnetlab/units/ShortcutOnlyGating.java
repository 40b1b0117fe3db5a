package org.resnetlab.units;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;

/** Shortcut-only gating: y = (1−g(x))·h(x) + F(x), ReLU. [2] Fig. 2(d), Table 1 rows 8–9. */
public final class ShortcutOnlyGating extends GatedUnit {

    public ShortcutOnlyGating(UnitConfig config, float initialGateBias) {
        super(config, initialGateBias);
    }

    @Override
    protected UnitParts combine(ParameterStore ps, NDArray x, NDArray h, NDArray residual, boolean training) {
        NDArray shortcutTerm = gate.apply(ps, x, training).neg().add(1f).mul(h);
        return new UnitParts(shortcutTerm, residual, afterAddition(ps, shortcutTerm.add(residual), training));
    }
}
