package org.resnetlab.units;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import org.resnetlab.models.Cost;

/** (b) BN after addition: conv-BN-ReLU-conv, add, BN, ReLU; f = BN+ReLU alters the shortcut signal. [2] Fig. 4(b), Table 2. */
public final class BnAfterAddition extends ResidualUnit {

    private final BatchNorm afterAddition;

    public BnAfterAddition(UnitConfig config) {
        super(config, Ordering.NO_LAST_BN, Shortcut.forUnit(config, false));
        afterAddition = addChildBlock("bnAfterAddition", Layers.batchNorm());
    }

    @Override
    protected UnitParts combine(ParameterStore ps, NDArray x, NDArray h, NDArray f, boolean training) {
        return new UnitParts(h, f, Activation.relu(run(afterAddition, ps, h.add(f), training)));
    }

    @Override
    protected void initializeExtras(NDManager manager, DataType dataType, Shape input, Shape output) {
        afterAddition.initialize(manager, dataType, output);
    }

    @Override
    protected Cost extraCost(Shape input, Shape output) {
        return Cost.of(afterAddition, output);
    }
}
