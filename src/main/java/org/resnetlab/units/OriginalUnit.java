package org.resnetlab.units;

import static org.resnetlab.units.Branch.Step.BN;
import static org.resnetlab.units.Branch.Step.RELU;
import static org.resnetlab.units.Branch.Step.WEIGHT;

/** (a) The original unit of [1]. [2] Fig. 4(a), Table 2 row 1, Table 1 row 1. */
public final class OriginalUnit extends ResidualUnit {

    /** [2] Fig. 4(a): weight, BN, ReLU, weight, BN; addition; ReLU. */
    public static final Branch BRANCH = Branch.eachLayer(WEIGHT, BN, RELU).lastLayer(WEIGHT, BN).then(RELU);

    public OriginalUnit(UnitConfig config) {
        super(config, BRANCH, Shortcut.forUnit(config, false));
    }
}
