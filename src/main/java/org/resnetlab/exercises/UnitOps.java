package org.resnetlab.exercises;

import ai.djl.ndarray.NDArray;

/**
 * The layers a student may use to write a basic residual unit by hand (see {@link UnitRecipe}): the unit's two 3×3
 * convolutions, batch normalisation and ReLU. The identity shortcut is x itself; the addition is {@code a.add(b)}.
 */
public interface UnitOps {
    /** The first 3×3 convolution of the residual branch. */
    NDArray conv1(NDArray a);

    /** The second 3×3 convolution of the residual branch. */
    NDArray conv2(NDArray a);

    /** Batch normalisation over the channels of a (a fresh BN: γ = 1, β = 0, batch statistics). */
    NDArray bn(NDArray a);

    NDArray relu(NDArray a);
}
