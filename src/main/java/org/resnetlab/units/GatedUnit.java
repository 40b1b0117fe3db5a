package org.resnetlab.units;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * The two gated variants of [2] Fig. 2(c, d): the original unit's branch and shortcut, and a gate g(x) = σ(W_g x + b_g)
 * (a 1×1 conv on the unit input, {@link Gate}) that the subclass applies to the paths in {@code combine}.
 */
abstract class GatedUnit extends ResidualUnit {

    protected final Gate gate;

    GatedUnit(UnitConfig config, float initialGateBias) {
        super(config, OriginalUnit.BRANCH, Shortcut.forUnit(config, false));
        gate = addChildBlock("gate", new Gate(config.outChannels(), config.stride(), initialGateBias));
    }

    /** b_g at initialisation: [2] Table 1's rows differ by it (0, −6, −7). */
    public float initialGateBias() {
        return gate.initialBias();
    }

    @Override
    protected void initializeExtras(NDManager manager, DataType dataType, Shape input, Shape output) {
        gate.initialize(manager, dataType, input);
    }

    @Override
    protected Cost extraCost(Shape input, Shape output) {
        return gate.cost(input);
    }
}
