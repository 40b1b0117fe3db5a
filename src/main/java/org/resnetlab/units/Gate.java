package org.resnetlab.units;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;

/** g(x) = sigmoid(W_g x + b_g), W_g a 1×1 conv with the unit's stride and output width ([2] §3.1, Fig. 2(c,d)). */
public final class Gate extends AbstractBlock implements Cost.Counted {

    private final Conv2d conv;
    private final float initialBias;

    public Gate(int channels, int stride, float initialBias) {
        this.initialBias = initialBias;
        conv = addChildBlock("conv", Conv2d.builder()
                .setKernelShape(new Shape(1, 1))
                .setFilters(channels)
                .optStride(new Shape(stride, stride))
                .optBias(true)
                .build());
        conv.setInitializer(new ConstantInitializer(initialBias), Parameter.Type.BIAS);
    }

    public float initialBias() {
        return initialBias;
    }

    public NDArray apply(ParameterStore ps, NDArray x, boolean training) {
        return Activation.sigmoid(conv.forward(ps, new NDList(x), training).singletonOrThrow());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> p) {
        return new NDList(apply(ps, inputs.singletonOrThrow(), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return conv.getOutputShapes(inputs);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        conv.initialize(manager, dataType, inputShapes);
    }

    @Override
    public Cost cost(Shape input) {
        return Cost.of(conv, input);
    }
}
