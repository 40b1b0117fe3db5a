package org.resnetlab.units;

import static org.resnetlab.units.Branch.Step.BN;
import static org.resnetlab.units.Branch.Step.RELU;
import static org.resnetlab.units.Branch.Step.WEIGHT;

/** (c) ReLU before addition: F is non-negative, f is the identity. [2] Fig. 4(c), Table 2. */
public final class ReluBeforeAddition extends ResidualUnit {

    /** [2] Fig. 4(c): weight, BN, ReLU, weight, BN, ReLU; addition; nothing after it. */
    public static final Branch BRANCH = Branch.eachLayer(WEIGHT, BN, RELU);

    public ReluBeforeAddition(UnitConfig config) {
        super(config, BRANCH, Shortcut.forUnit(config, false));
    }
}
