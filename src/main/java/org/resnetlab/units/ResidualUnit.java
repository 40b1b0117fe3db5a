package org.resnetlab.units;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import org.resnetlab.models.Cost;
import org.resnetlab.models.ModelSpec.Body;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A residual unit y = h(x) + F(x), x_{l+1} = f(y) ([2] eq. 1–2). The branch F is built from the body (two 3×3
 * convs, or 1×1-3×3-1×1) in one of the orderings of [2] Fig. 4; each subclass picks an ordering, a shortcut and the
 * way the two paths are combined. A custom block rather than ParallelBlock: output shapes come without arrays and
 * {@link #forwardParts} exposes h and F for the probes.
 */
public abstract class ResidualUnit extends AbstractBlock implements Cost.Counted {

    /** Where BN and ReLU sit around each conv of the branch ([2] Fig. 4). */
    protected enum Ordering {
        /** conv-BN-ReLU … conv-BN (Fig. 4a and the shortcut variants of Fig. 2). */
        POST_ACTIVATION,
        /** conv-BN-ReLU … conv; the last BN moves after the addition (Fig. 4b). */
        NO_LAST_BN,
        /** conv-BN-ReLU … conv-BN-ReLU (Fig. 4c). */
        RELU_LAST,
        /** ReLU-conv-BN … ReLU-conv-BN (Fig. 4d). */
        RELU_PRE_ACTIVATION,
        /** BN-ReLU-conv … BN-ReLU-conv (Fig. 4e). */
        FULL_PRE_ACTIVATION
    }

    private final UnitConfig config;
    private final Ordering ordering;
    private final List<Conv2d> convs = new ArrayList<>();
    /** bns.get(i) follows conv i (post orderings) or precedes it (full pre-activation); null where there is none. */
    private final List<BatchNorm> bns = new ArrayList<>();
    private final Shortcut shortcut;

    /**
     * @param shortcut h, or null for a unit without a shortcut (plain)
     */
    protected ResidualUnit(UnitConfig config, Ordering ordering, Shortcut shortcut) {
        this.config = config;
        this.ordering = ordering;
        int[][] layers = layers(config); // {kernel, filters, stride}
        for (int i = 0; i < layers.length; i++) {
            boolean last = i == layers.length - 1;
            boolean hasBn = switch (ordering) {
                case NO_LAST_BN -> !last;
                case FULL_PRE_ACTIVATION -> !(i == 0 && config.inputPreActivated());
                default -> true;
            };
            BatchNorm bn = hasBn ? Layers.batchNorm() : null;
            if (ordering == Ordering.FULL_PRE_ACTIVATION && bn != null) {
                addChildBlock("bn" + (i + 1), bn);
            }
            convs.add(addChildBlock("conv" + (i + 1), Layers.conv(layers[i][0], layers[i][1], layers[i][2])));
            if (ordering != Ordering.FULL_PRE_ACTIVATION && bn != null) {
                addChildBlock("bn" + (i + 1), bn);
            }
            bns.add(bn);
        }
        if (config.zeroInitLastBn()) {
            BatchNorm lastBn = bns.get(bns.size() - 1);
            if (lastBn == null) {
                throw new IllegalArgumentException(getClass().getSimpleName()
                        + " has no BN at the end of its residual branch to zero-initialise");
            }
            // γ = 0 makes the last BN output β = 0, so F(x) = 0 (the following ReLU/conv keep it 0)
            lastBn.setInitializer(Initializer.ZEROS, Parameter.Type.GAMMA);
        }
        this.shortcut = shortcut == null ? null : addChildBlock("shortcut", shortcut);
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
        return false;
    }

    /**
     * Runs the unit and returns both terms of the addition with the result. Subclasses implement
     * {@link #combine}; the branch and the shortcut are computed here.
     */
    public UnitParts forwardParts(ParameterStore ps, NDArray x, boolean training) {
        NDArray a = preActivate(ps, x, training);
        NDArray f = branch(ps, a, training);
        NDArray h = shortcut == null ? null
                : shortcut.apply(ps, shortcut.kind() == Shortcut.Kind.PROJECTION ? a : x, training);
        return combine(ps, x, h, f, training);
    }

    /** F(x) alone (same pre-activation and BN mode as in {@link #forwardParts}). */
    public NDArray residual(ParameterStore ps, NDArray x, boolean training) {
        return branch(ps, preActivate(ps, x, training), training);
    }

    /**
     * Adds the paths: y = h + F by default, then f. {@code x} is the unit input (the gates read it); {@code h}
     * is null for a unit without a shortcut.
     */
    protected abstract UnitParts combine(ParameterStore ps, NDArray x, NDArray h, NDArray f, boolean training);

    /** The pre-activation shared by the branch and a projection shortcut ([2] appendix); x itself otherwise. */
    private NDArray preActivate(ParameterStore ps, NDArray x, boolean training) {
        if (config.inputPreActivated()) {
            return x;
        }
        return switch (ordering) {
            case FULL_PRE_ACTIVATION -> Activation.relu(run(bns.get(0), ps, x, training));
            case RELU_PRE_ACTIVATION -> Activation.relu(x);
            default -> x;
        };
    }

    /** F from the pre-activated input a. */
    private NDArray branch(ParameterStore ps, NDArray a, boolean training) {
        NDArray out = a;
        int n = convs.size();
        for (int i = 0; i < n; i++) {
            boolean last = i == n - 1;
            switch (ordering) {
                case FULL_PRE_ACTIVATION -> {
                    if (i > 0) {
                        out = Activation.relu(run(bns.get(i), ps, out, training));
                    }
                    out = run(convs.get(i), ps, out, training);
                }
                case RELU_PRE_ACTIVATION -> {
                    if (i > 0) {
                        out = Activation.relu(out);
                    }
                    out = run(bns.get(i), ps, run(convs.get(i), ps, out, training), training);
                }
                default -> {
                    out = run(convs.get(i), ps, out, training);
                    if (bns.get(i) != null) {
                        out = run(bns.get(i), ps, out, training);
                    }
                    if (!last || ordering == Ordering.RELU_LAST) {
                        out = Activation.relu(out);
                    }
                }
            }
        }
        return out;
    }

    protected static NDArray run(ai.djl.nn.Block block, ParameterStore ps, NDArray x, boolean training) {
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
        for (Conv2d conv : convs) {
            s = conv.getOutputShapes(new Shape[] {s})[0];
        }
        return new Shape[] {s};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape s = inputShapes[0];
        for (int i = 0; i < convs.size(); i++) {
            BatchNorm bn = bns.get(i);
            if (ordering == Ordering.FULL_PRE_ACTIVATION && bn != null) {
                bn.initialize(manager, dataType, s);
            }
            convs.get(i).initialize(manager, dataType, s);
            s = convs.get(i).getOutputShapes(new Shape[] {s})[0];
            if (ordering != Ordering.FULL_PRE_ACTIVATION && bn != null) {
                bn.initialize(manager, dataType, s);
            }
        }
        if (shortcut != null) {
            shortcut.initialize(manager, dataType, inputShapes);
        }
        initializeExtras(manager, dataType, inputShapes[0], s);
    }

    /** For subclasses with blocks of their own (gates, a BN after the addition). */
    protected void initializeExtras(NDManager manager, DataType dataType, Shape input, Shape output) {}

    /** The cost of the blocks a subclass adds. */
    protected Cost extraCost(Shape input, Shape output) {
        return Cost.ZERO;
    }

    @Override
    public Cost cost(Shape input) {
        Cost total = Cost.ZERO;
        Shape s = input;
        for (int i = 0; i < convs.size(); i++) {
            BatchNorm bn = bns.get(i);
            if (ordering == Ordering.FULL_PRE_ACTIVATION && bn != null) {
                total = total.plus(Cost.of(bn, s));
            }
            total = total.plus(Cost.of(convs.get(i), s));
            s = convs.get(i).getOutputShapes(new Shape[] {s})[0];
            if (ordering != Ordering.FULL_PRE_ACTIVATION && bn != null) {
                total = total.plus(Cost.of(bn, s));
            }
        }
        if (shortcut != null) {
            total = total.plus(shortcut.cost(input));
        }
        return total.plus(extraCost(input, s));
    }

    /** The branch's BN layers in order (null-free), e.g. to inspect the zero-initialised γ. */
    public List<BatchNorm> branchBatchNorms() {
        List<BatchNorm> out = new ArrayList<>();
        for (BatchNorm bn : bns) {
            if (bn != null) {
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
