package org.resnetlab.exercises;

import ai.djl.ndarray.NDArray;

import java.util.function.Function;

/**
 * A residual block written by hand (notebook 01, exercise 1): its output for input x, given the block's layers as
 * its residual function f, e.g. the plain block {@code (x, f) -> f.apply(x)}.
 */
@FunctionalInterface
public interface ResidualBlock {
    NDArray apply(NDArray x, Function<NDArray, NDArray> f);
}
