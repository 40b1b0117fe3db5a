package org.resnetlab.units;

/** No shortcut: the plain counterpart of the original unit, the same layers without h. [1] Fig. 1, Fig. 6 left. */
public final class PlainUnit extends ResidualUnit {

    public PlainUnit(UnitConfig config) {
        super(config, OriginalUnit.BRANCH, null);
        if (config.zeroInitLastBn()) {
            throw new IllegalArgumentException("a plain unit cannot zero-initialise its last BN: its output would be 0");
        }
    }
}
