package org.resnetlab.units;

import static org.resnetlab.units.Branch.Step.BN;
import static org.resnetlab.units.Branch.Step.RELU;
import static org.resnetlab.units.Branch.Step.WEIGHT;

/** (b) BN after addition: f = BN + ReLU alters the shortcut signal at every unit. [2] Fig. 4(b), Table 2. */
public final class BnAfterAddition extends ResidualUnit {

    /** [2] Fig. 4(b): weight, BN, ReLU, weight; addition; BN, ReLU. */
    public static final Branch BRANCH = Branch.eachLayer(WEIGHT, BN, RELU).lastLayer(WEIGHT).then(BN, RELU);

    public BnAfterAddition(UnitConfig config) {
        super(config, BRANCH, Shortcut.forUnit(config, false));
    }
}
