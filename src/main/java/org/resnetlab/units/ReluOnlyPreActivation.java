package org.resnetlab.units;

import static org.resnetlab.units.Branch.Step.BN;
import static org.resnetlab.units.Branch.Step.RELU;
import static org.resnetlab.units.Branch.Step.WEIGHT;

/** (d) ReLU-only pre-activation; a projection shortcut reads the pre-activated input. [2] Fig. 4(d), Table 2. */
public final class ReluOnlyPreActivation extends ResidualUnit {

    /** [2] Fig. 4(d): ReLU, weight, BN, ReLU, weight, BN; addition; nothing after it. */
    public static final Branch BRANCH = Branch.eachLayer(RELU, WEIGHT, BN);

    public ReluOnlyPreActivation(UnitConfig config) {
        super(config, BRANCH, Shortcut.forUnit(config, true));
    }
}
