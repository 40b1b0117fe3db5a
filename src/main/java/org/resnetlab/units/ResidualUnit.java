package org.resnetlab.units;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A residual unit y_l = h(x_l) + F(x_l), x_{l+1} = f(y_l) ([2] eq. 1–2), built from its {@link Branch}: the layer
 * sequence each subclass states the way [2] Fig. 4 draws it. This class interprets that one description to build the
 * layers (conv1, bn1, … named by the weight layer they belong to), initialise them, count their cost and run them;
 * subclasses choose the branch, the shortcut h and, for the variants of [2] Fig. 2, how the two terms are added.
 * A custom block rather than ParallelBlock: output shapes come without arrays and {@link #forwardParts} exposes h and
 * F for the probes.
 */
public abstract class ResidualUnit extends AbstractBlock implements Cost.Counted {

    private final UnitConfig config;
    private final Branch branch;
    /** The steps of F that this unit runs (the pre-activation left out when the network did it already). */
    private final List<Branch.Placed> steps;
    /** How many of {@link #steps} come before the first weight layer: the pre-activation. */
    private final int preActivation;
    /** The block of each step: a Conv2d, a BatchNorm, or null for a ReLU. */
    private final List<Block> blocks = new ArrayList<>();
    private final Shortcut shortcut;
    private final BatchNorm afterAdditionBn;

    /**
     * @param branch   the unit's layer sequence
     * @param shortcut h, or null for a unit without a shortcut (plain)
     */
    protected ResidualUnit(UnitConfig config, Branch branch, Shortcut shortcut) {
        this.config = config;
        this.branch = branch;
        int[][] layers = layers(config); // {kernel, filters, stride} of each weight layer
        List<Branch.Placed> all = branch.residual(layers.length);
        int skip = config.inputPreActivated() ? branch.preActivationSteps() : 0;
        this.steps = List.copyOf(all.subList(skip, all.size()));
        this.preActivation = branch.preActivationSteps() - skip;
        BatchNorm lastBn = null;
        for (Branch.Placed step : steps) {
            int[] layer = layers[step.layer() - 1];
            Block block = switch (step.step()) {
                case WEIGHT -> addChildBlock("conv" + step.layer(), Layers.conv(layer[0], layer[1], layer[2]));
                case BN -> addChildBlock("bn" + step.layer(), Layers.batchNorm());
                case RELU -> null;
            };
            blocks.add(block);
            if (block instanceof BatchNorm bn && step.layer() == layers.length) {
                lastBn = bn;
            }
        }
        if (config.zeroInitLastBn()) {
            if (lastBn == null) {
                throw new IllegalArgumentException(getClass().getSimpleName()
                        + " has no BN at the end of its residual branch to zero-initialise");
            }
            // γ = 0 makes the last BN output β = 0, so F(x) = 0 (the following ReLU/conv keep it 0)
            lastBn.setInitializer(Initializer.ZEROS, Parameter.Type.GAMMA);
        }
        this.shortcut = shortcut == null ? null : addChildBlock("shortcut", shortcut);
        this.afterAdditionBn = branch.afterAddition().contains(Branch.Step.BN)
                ? addChildBlock("bnAfterAddition", Layers.batchNorm()) : null;
    }

    /** {kernel, filters, stride} of each branch conv; the stride sits on the (first) 3×3. */
    private static int[][] layers(UnitConfig c) {
        if (c.body() == Body.BASIC) {
            return new int[][] {{3, c.width(), c.stride()}, {3, c.width(), 1}};
        }
        return new int[][] {{1, c.width(), 1}, {3, c.width(), c.stride()}, {1, 4 * c.width(), 1}};
    }

    public UnitConfig config() {
        return config;
    }

    /** The unit's layer sequence, as [2] draws it (for diagrams and checkers). */
    public Branch branch() {
        return branch;
    }

    /** The shortcut path, or null for a plain unit. */
    public Shortcut shortcut() {
        return shortcut;
    }

    /** True when h is exactly the identity (same shape, no scaling, gating, dropout or projection). */
    public boolean hasIdentityShortcut() {
        return shortcut != null && shortcut.isIdentity();
    }

    /** True when the unit adds nothing after the addition: x_{l+1} = y (f is the identity). */
    public boolean hasIdentityAfterAddition() {
        return branch.afterAddition().isEmpty();
    }

    /**
     * Runs the unit and returns both terms of the addition with the result. Subclasses that add the terms in their
     * own way implement {@link #combine}; the branch and the shortcut are computed here.
     */
    public UnitParts forwardParts(ParameterStore ps, NDArray x, boolean training) {
        NDArray a = run(ps, x, 0, preActivation, training);
        NDArray residual = run(ps, a, preActivation, steps.size(), training);
        NDArray h = shortcut == null ? null
                : shortcut.apply(ps, shortcut.kind() == Shortcut.Kind.PROJECTION ? a : x, training);
        return combine(ps, x, h, residual, training);
    }

    /** F(x) alone (same pre-activation and BN mode as in {@link #forwardParts}). */
    public NDArray residual(ParameterStore ps, NDArray x, boolean training) {
        return run(ps, run(ps, x, 0, preActivation, training), preActivation, steps.size(), training);
    }

    /**
     * Adds the paths, y = h + F (F alone without a shortcut), then applies f ({@link #afterAddition}). {@code x} is the
     * unit input (the gates read it); {@code h} is null for a unit without a shortcut.
     */
    protected UnitParts combine(ParameterStore ps, NDArray x, NDArray h, NDArray residual, boolean training) {
        return new UnitParts(h, residual, afterAddition(ps, h == null ? residual : h.add(residual), training));
    }

    /** f: the branch's after-addition steps applied to the sum y. */
    protected final NDArray afterAddition(ParameterStore ps, NDArray y, boolean training) {
        NDArray out = y;
        for (Branch.Step step : branch.afterAddition()) {
            out = step == Branch.Step.RELU ? Activation.relu(out) : run(afterAdditionBn, ps, out, training);
        }
        return out;
    }

    /** Steps {@code from} … {@code to − 1} of the branch applied to {@code x}. */
    private NDArray run(ParameterStore ps, NDArray x, int from, int to, boolean training) {
        NDArray out = x;
        for (int i = from; i < to; i++) {
            Block block = blocks.get(i);
            out = block == null ? Activation.relu(out) : run(block, ps, out, training);
        }
        return out;
    }

    protected static NDArray run(Block block, ParameterStore ps, NDArray x, boolean training) {
        return block.forward(ps, new NDList(x), training).singletonOrThrow();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        return new NDList(forwardParts(ps, inputs.singletonOrThrow(), training).output());
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        Shape s = inputs[0];
        for (Block block : blocks) {
            if (block instanceof Conv2d) {
                s = block.getOutputShapes(new Shape[] {s})[0];
            }
        }
        return new Shape[] {s};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape s = inputShapes[0];
        for (Block block : blocks) {
            if (block != null) {
                block.initialize(manager, dataType, s);
                s = block.getOutputShapes(new Shape[] {s})[0];
            }
        }
        if (shortcut != null) {
            shortcut.initialize(manager, dataType, inputShapes);
        }
        if (afterAdditionBn != null) {
            afterAdditionBn.initialize(manager, dataType, s);
        }
        initializeExtras(manager, dataType, inputShapes[0], s);
    }

    /** For subclasses with blocks of their own (gates). */
    protected void initializeExtras(NDManager manager, DataType dataType, Shape input, Shape output) {}

    /** The cost of the blocks a subclass adds. */
    protected Cost extraCost(Shape input, Shape output) {
        return Cost.ZERO;
    }

    @Override
    public Cost cost(Shape input) {
        Cost total = Cost.ZERO;
        Shape s = input;
        for (Block block : blocks) {
            if (block != null) {
                total = total.plus(Cost.of(block, s));
                s = block.getOutputShapes(new Shape[] {s})[0];
            }
        }
        if (shortcut != null) {
            total = total.plus(shortcut.cost(input));
        }
        if (afterAdditionBn != null) {
            total = total.plus(Cost.of(afterAdditionBn, s));
        }
        return total.plus(extraCost(input, s));
    }

    /** The branch's BN layers in order, e.g. to inspect the zero-initialised γ. */
    public List<BatchNorm> branchBatchNorms() {
        List<BatchNorm> out = new ArrayList<>();
        for (Block block : blocks) {
            if (block instanceof BatchNorm bn) {
                out.add(bn);
            }
        }
        return Collections.unmodifiableList(out);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + config.inChannels() + "->" + config.outChannels()
                + ", stride " + config.stride() + ", " + config.body().name().toLowerCase() + ")";
    }
}
