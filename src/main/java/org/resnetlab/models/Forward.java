package org.resnetlab.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;

/**
 * Runs a block outside a Trainer. MXNet refuses a training-mode BatchNorm (batch statistics) unless a
 * GradientCollector is recording, so a training-mode pass opens one on the input's engine; PyTorch does not mind.
 */
public final class Forward {
    private Forward() {}

    /** The block's output for x; arrays it creates belong to x's manager. */
    public static NDArray run(Block block, NDArray x, boolean training) {
        ParameterStore ps = new ParameterStore(x.getManager(), false);
        if (!training) {
            return block.forward(ps, new NDList(x), false).singletonOrThrow();
        }
        try (GradientCollector ignored = x.getManager().getEngine().newGradientCollector()) {
            return block.forward(ps, new NDList(x), true).singletonOrThrow();
        }
    }
}
