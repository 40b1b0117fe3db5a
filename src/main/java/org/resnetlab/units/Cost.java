package org.resnetlab.units;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;

/**
 * Trainable parameters and forward multiply-accumulates of a block for one image, computed from the block's
 * structure and the input shape alone: no arrays are allocated, so even ResNet-1202 and ResNet-1001 are cheap.
 * BatchNorm counts γ and β (its running mean and variance are not trained); ReLU, pooling and additions cost
 * no MACs, as in the papers' FLOP counts.
 */
public record Cost(long parameters, long macs) {

    public static final Cost ZERO = new Cost(0, 0);

    /** Implemented by this project's composite blocks, which know their children's input shapes. */
    public interface Counted {
        /** @param input the input shape of one image batch, (N, C, H, W); MACs are per image */
        Cost cost(Shape input);
    }

    public Cost plus(Cost other) {
        return new Cost(parameters + other.parameters, macs + other.macs);
    }

    /** The cost of DJL's weighted leaf blocks (Conv2d, BatchNorm, Linear) and of {@link Counted} blocks; others are free. */
    public static Cost of(Block block, Shape input) {
        if (block instanceof Counted counted) {
            return counted.cost(input);
        }
        if (block instanceof Convolution conv) {
            Shape out = conv.getOutputShapes(new Shape[] {input})[0];
            long inChannels = input.get(1) / conv.getGroups();
            long kernel = conv.getKernelShape().size();
            long weights = conv.getFilters() * inChannels * kernel;
            long bias = conv.isIncludeBias() ? conv.getFilters() : 0;
            long positions = out.size() / out.get(0) / out.get(1);
            return new Cost(weights + bias, positions * conv.getFilters() * inChannels * kernel);
        }
        if (block instanceof BatchNorm) {
            return new Cost(2 * input.get(1), 0);
        }
        if (block instanceof Linear linear) {
            long in = input.get(input.dimension() - 1);
            long units = linear.getOutputShapes(new Shape[] {input})[0].get(1);
            return new Cost(in * units + units, in * units);
        }
        return ZERO;
    }
}
