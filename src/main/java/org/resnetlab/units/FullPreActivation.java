package org.resnetlab.units;

import static org.resnetlab.units.Branch.Step.BN;
import static org.resnetlab.units.Branch.Step.RELU;
import static org.resnetlab.units.Branch.Step.WEIGHT;

/**
 * (e) Full pre-activation: h and f are identities, so x_L = x_l + Σ F(x_i). [2] Fig. 4(e), Table 2–4; the projection
 * shortcut (option B) reads the pre-activated input.
 */
public final class FullPreActivation extends ResidualUnit {

    /** [2] Fig. 4(e): BN, ReLU, weight, BN, ReLU, weight; addition; nothing after it. */
    public static final Branch BRANCH = Branch.eachLayer(BN, RELU, WEIGHT);

    public FullPreActivation(UnitConfig config) {
        super(config, BRANCH, Shortcut.forUnit(config, true));
    }
}
