package org.resnetlab.exercises;

import ai.djl.ndarray.NDArray;

/**
 * A residual unit written as one expression, e.g. the original unit of [2] Fig. 4(a):
 * <pre>{@code
 * UnitRecipe original = (ops, x) -> ops.relu(x.add(ops.bn(ops.conv2(ops.relu(ops.bn(ops.conv1(x)))))));
 * }</pre>
 */
@FunctionalInterface
public interface UnitRecipe {
    /** x_{l+1} from x_l. */
    NDArray forward(UnitOps ops, NDArray x);
}
