package org.resnetlab.units;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;

/**
 * Constant scaling: y = λ_shortcut·h(x) + λ_residual·F(x), ReLU. [2] Fig. 2(b), Table 1 rows 2–4, §3.1
 * (x_L = Π λ_i · x_l + …: the shortcut signal vanishes for λ &lt; 1 and explodes for λ &gt; 1).
 */
public final class ConstantScalingShortcut extends ResidualUnit {

    private final float shortcutScale;
    private final float residualScale;

    public ConstantScalingShortcut(UnitConfig config, float shortcutScale, float residualScale) {
        super(config, OriginalUnit.BRANCH, Shortcut.forUnit(config, false));
        this.shortcutScale = shortcutScale;
        this.residualScale = residualScale;
    }

    public float shortcutScale() {
        return shortcutScale;
    }

    public float residualScale() {
        return residualScale;
    }

    @Override
    protected UnitParts combine(ParameterStore ps, NDArray x, NDArray h, NDArray residual, boolean training) {
        NDArray scaledH = h.mul(shortcutScale);
        NDArray scaledF = residual.mul(residualScale);
        return new UnitParts(scaledH, scaledF, afterAddition(ps, scaledH.add(scaledF), training));
    }
}
