package org.resnetlab.exercises;

import ai.djl.ndarray.NDArray;

/**
 * A unit written by hand from its own layers (notebook 02, exercise 1): x_{l+1} for x_l, e.g. the branch alone
 * {@code (x, u) -> u.conv2(u.relu(u.bn2(u.conv1(u.relu(u.bn1(x))))))}.
 */
@FunctionalInterface
public interface UnitFromLayers {
    NDArray apply(NDArray x, UnitLayers u);
}
