package org.resnetlab.models;

import org.resnetlab.units.Cost;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import org.resnetlab.units.ResidualUnits;
import org.resnetlab.units.UnitType;

/** The one place networks are built from a {@link ModelSpec}, and where they are measured. */
public final class Models {
    private Models() {}

    /**
     * Builds the (uninitialised) network a spec describes: a {@link CifarResNet}. Callers initialise it with
     * {@code block.initialize(manager, DataType.FLOAT32, new Shape(1, C, H, W))} or through a DJL Trainer.
     * Weights get He (MSRA) initialisation, DJL's default for weights; BN γ = 1 (0 for the last BN of each branch
     * with {@code zeroInitLastBn}), β = 0.
     *
     * @throws IllegalArgumentException for an unknown unit, a depth that is not 6n+2 / 9n+2 for the body, or an
     *                                  impossible combination; the message lists the valid choices
     */
    public static Block build(ModelSpec spec) {
        return network(spec);
    }

    /** {@link #build} with the concrete type, for probes and notebooks that walk the units. */
    public static CifarResNet network(ModelSpec spec) {
        if (spec.classes() < 1 || spec.inputChannels() < 1 || spec.imageSize() < 1) {
            throw new IllegalArgumentException("classes, input channels and image size must be positive: " + spec);
        }
        if (spec.depth() < 1) {
            throw new IllegalArgumentException("depth must be positive, got " + spec.depth());
        }
        UnitType unit = ResidualUnits.of(spec.unit());
        Depths.Layout layout = Depths.resolve(spec.depth(), spec.body());
        return new CifarResNet(spec, unit, layout);
    }

    /** The input shape of one image of this spec: (1, C, H, W). */
    public static Shape inputShape(ModelSpec spec) {
        return new Shape(1, spec.inputChannels(), spec.imageSize(), spec.imageSize());
    }

    /**
     * Trainable parameters and forward MACs per image, from the structure alone (no arrays are allocated, so the
     * 1001- and 1202-layer nets cost nothing to measure).
     */
    public static Cost cost(ModelSpec spec) {
        return network(spec).cost(inputShape(spec));
    }

    /**
     * Counts the parameters of an initialised block that are trained (require gradients): BN running means and
     * variances, which {@link Block#getParameters()} also lists, are left out, as in the papers' counts.
     */
    public static long trainableParameters(Block block) {
        long n = 0;
        for (Parameter p : block.getParameters().values()) {
            if (p.requiresGradient()) {
                if (!p.isInitialized()) {
                    throw new IllegalStateException("parameter " + p.getName() + " is not initialised; initialise the "
                            + "block first, or use Models.cost(spec) to count from the structure");
                }
                n += p.getArray().getShape().size();
            }
        }
        return n;
    }
}
