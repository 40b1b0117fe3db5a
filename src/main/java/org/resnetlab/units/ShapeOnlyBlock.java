package org.resnetlab.units;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A parameter-free block that knows its output shape. DJL's LambdaBlock (behind Activation.reluBlock and
 * Pool.globalAvgPool2dBlock) runs its function on real arrays to find output shapes; counting a 1001-layer net's
 * cost or initialising it should not need an engine.
 */
final class ShapeOnlyBlock extends AbstractBlock {

    private final String name;
    private final Function<NDArray, NDArray> function;
    private final UnaryOperator<Shape> shape;

    private ShapeOnlyBlock(String name, Function<NDArray, NDArray> function, UnaryOperator<Shape> shape) {
        this.name = name;
        this.function = function;
        this.shape = shape;
    }

    static ShapeOnlyBlock relu() {
        return new ShapeOnlyBlock("ReLU", Activation::relu, s -> s);
    }

    /** (N, C, H, W) → (N, C). */
    static ShapeOnlyBlock globalAvgPool() {
        return new ShapeOnlyBlock("GlobalAvgPool", Pool::globalAvgPool2d, s -> new Shape(s.get(0), s.get(1)));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> p) {
        return new NDList(function.apply(inputs.singletonOrThrow()));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {shape.apply(inputs[0])};
    }

    @Override
    public String toString() {
        return name;
    }
}
