package org.resnetlab.train;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import org.resnetlab.data.DataSplits;
import org.resnetlab.data.Synthetic;
import org.resnetlab.models.ModelSpec;

/** A conv-BN-ReLU-pool-linear net small enough for tests, standing in for {@code Models.build}. */
public final class TinyNets {
    private TinyNets() {}

    public static Block build(ModelSpec spec) {
        return new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(8).build())
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock())
                .add(Pool.avgPool2dBlock(new Shape(4, 4), new Shape(4, 4)))
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(spec.classes()).build());
    }

    /** 10 classes of 3×16×16 synthetic images. */
    public static DataSplits data() {
        return Synthetic.create(10, 512, 200, 3, 16, 99);
    }

    /** Every parameter's values (BN running statistics included), in the block's order. */
    public static java.util.List<float[]> values(Block block) {
        return block.getParameters().values().stream().map(p -> p.getArray().toFloatArray()).toList();
    }

    /** The values of the parameters training updates (no BN running statistics), in the block's order. */
    public static java.util.List<float[]> trainableValues(Block block) {
        return block.getParameters().values().stream().filter(ai.djl.nn.Parameter::requiresGradient)
                .map(p -> p.getArray().toFloatArray()).toList();
    }

    public static ModelSpec spec() {
        return ModelSpec.cifar(20, "tiny").withInput(3, 16);
    }

    /** A short run of the paper's schedule shape: batch 32, warm-up 4 iterations, drops at 1/2 and 3/4. */
    public static RunConfig config(java.nio.file.Path out, int iterations) {
        Protocol protocol = Protocol.paper().withBatchSize(32).withIterations(iterations);
        return RunConfig.of("synthetic", spec(), out).withProtocol(protocol).withEvalEvery(10).withCheckpointEvery(7);
    }
}
