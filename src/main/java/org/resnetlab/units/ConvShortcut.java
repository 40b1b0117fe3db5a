package org.resnetlab.units;

/** 1×1 conv shortcut on every unit: y = W_s x + F(x), ReLU (the original unit's branch). [2] Fig. 2(e), Table 1 row 10. */
public final class ConvShortcut extends ResidualUnit {

    public ConvShortcut(UnitConfig config) {
        super(config, OriginalUnit.BRANCH, Shortcut.projection(config, false));
    }
}
