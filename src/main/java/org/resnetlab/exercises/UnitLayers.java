package org.resnetlab.exercises;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/**
 * The layers of one unit's residual branch, in the order they were created (BN, conv, BN, conv), which a student
 * wires into a unit by hand ({@link UnitFromLayers}). Unlike {@link UnitOps}, each BN is the unit's own layer.
 */
public interface UnitLayers {
    NDArray bn1(NDArray x);

    NDArray conv1(NDArray x);

    NDArray bn2(NDArray x);

    NDArray conv2(NDArray x);

    default NDArray relu(NDArray x) {
        return Activation.relu(x);
    }
}
