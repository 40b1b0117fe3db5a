package org.resnetlab.units;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;

/** Shortcut-only gating: y = (1−g(x))·h(x) + F(x), ReLU. [2] Fig. 2(d), Table 1 rows 8–9. */
public final class ShortcutOnlyGating extends ResidualUnit {

    private final Gate gate;

    public ShortcutOnlyGating(UnitConfig config, float initialGateBias) {
        super(config, OriginalUnit.BRANCH, Shortcut.forUnit(config, false));
        gate = addChildBlock("gate", new Gate(config.outChannels(), config.stride(), initialGateBias));
    }

    public float initialGateBias() {
        return gate.initialBias();
    }

    @Override
    protected UnitParts combine(ParameterStore ps, NDArray x, NDArray h, NDArray residual, boolean training) {
        NDArray shortcutTerm = gate.apply(ps, x, training).neg().add(1f).mul(h);
        return new UnitParts(shortcutTerm, residual, afterAddition(ps, shortcutTerm.add(residual), training));
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
