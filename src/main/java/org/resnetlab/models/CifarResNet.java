package org.resnetlab.models;

import org.resnetlab.units.Cost;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.resnetlab.units.Layers;
import org.resnetlab.units.MemoryFormat;
import org.resnetlab.units.ResidualUnit;
import org.resnetlab.units.UnitConfig;
import org.resnetlab.units.UnitParts;
import org.resnetlab.units.UnitType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A CIFAR ResNet ([1] §4.2, [2] appendix) laid open for the probes: stem (3×3 conv, 16 filters, BN, ReLU), the
 * residual units x_0 → x_1 → … → x_L in three stages (16, 32, 64 wide; ×4 for bottleneck outputs; stride 2 at the
 * start of stages 2 and 3), and the head (global average pooling, FC). For pre-activation units the stem's BN+ReLU
 * is the first unit's pre-activation, and the head starts with the extra activation after the last addition.
 */
public final class CifarResNet extends AbstractBlock implements Cost.Counted {

    /** Inner widths of the three stages at the paper's width (k = 1; {@link ModelSpec#stageWidths()} for others). */
    public static final int[] STAGE_WIDTHS = {16, 32, 64};

    private final ModelSpec spec;
    private final UnitType unitType;
    private final Depths.Layout layout;
    private final SequentialBlock stem;
    private final List<ResidualUnit> units = new ArrayList<>();
    /** Units whose output is a new shape (a stage's first unit): where channels-last is laid out again. */
    private final List<Boolean> newShape = new ArrayList<>();
    /** Channels-last activations (PyTorch, CPU) only for nets whose first stage is wide enough: see MemoryFormat. */
    private final boolean channelsLast;
    private final SequentialBlock head;

    CifarResNet(ModelSpec spec, UnitType unitType, Depths.Layout layout) {
        this.spec = spec;
        this.unitType = unitType;
        this.layout = layout;
        int[] widths = spec.stageWidths();
        stem = addChildBlock("stem", new SequentialBlock()
                .add(Layers.conv(3, widths[0], 1))
                .add(Layers.batchNorm())
                .add(Layers.relu()));
        channelsLast = widths[0] >= MemoryFormat.MIN_CHANNELS;
        int channels = widths[0];
        int index = 0;
        for (int stage = 0; stage < widths.length; stage++) {
            for (int i = 0; i < layout.unitsPerStage(); i++) {
                int stride = stage > 0 && i == 0 ? 2 : 1;
                var config = new UnitConfig(channels, widths[stage], stride, layout.body(),
                        spec.shortcut(), spec.zeroInitLastBn(), unitType.preActivation() && index == 0);
                ResidualUnit unit = unitType.create(config);
                units.add(addChildBlock("unit" + (stage + 1) + "_" + (i + 1), unit));
                newShape.add(stride != 1 || config.outChannels() != channels);
                channels = config.outChannels();
                index++;
            }
        }
        SequentialBlock h = new SequentialBlock();
        if (unitType.preActivation()) {
            if (unitType.finalBatchNorm()) {
                h.add(Layers.batchNorm());
            }
            h.add(Layers.relu());
        }
        h.add(Layers.globalAvgPool());
        h.add(Layers.linear(spec.classes()));
        head = addChildBlock("head", h);
    }

    public ModelSpec spec() {
        return spec;
    }

    public UnitType unitType() {
        return unitType;
    }

    public Depths.Layout layout() {
        return layout;
    }

    /** conv1 (+BN+ReLU): images → x_0. */
    public Block stem() {
        return stem;
    }

    /** The residual units in order: unit l maps x_l to x_{l+1}. */
    public List<ResidualUnit> units() {
        return Collections.unmodifiableList(units);
    }

    /** x_L → logits (final activation for pre-act nets, global average pooling, FC). */
    public Block head() {
        return head;
    }

    /**
     * One forward pass that keeps everything a probe needs.
     *
     * @param xs    x_0 … x_L (L = number of units): the stem output and every unit's output
     * @param parts the two terms of every unit's addition
     */
    public record Trace(List<NDArray> xs, List<UnitParts> parts, NDArray logits) {}

    /** Forward pass keeping every x_l; arrays belong to the images' manager (use a sub-manager). */
    public Trace forwardTrace(ParameterStore ps, NDArray images, boolean training) {
        List<NDArray> xs = new ArrayList<>();
        List<UnitParts> parts = new ArrayList<>();
        NDArray x = laidOut(stem.forward(ps, new NDList(images), training).singletonOrThrow());
        xs.add(x);
        for (int i = 0; i < units.size(); i++) {
            UnitParts p = units.get(i).forwardParts(ps, x, training);
            parts.add(p);
            x = newShape.get(i) ? laidOut(p.output()) : p.output();
            xs.add(x);
        }
        NDArray logits = head.forward(ps, new NDList(x), training).singletonOrThrow();
        return new Trace(xs, parts, logits);
    }

    /** x channels-last where this net and its engine qualify ({@link MemoryFormat}), else x itself. */
    private NDArray laidOut(NDArray x) {
        return channelsLast ? MemoryFormat.channelsLast(x) : x;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDList x = new NDList(laidOut(stem.forward(ps, inputs, training).singletonOrThrow()));
        for (int i = 0; i < units.size(); i++) {
            x = units.get(i).forward(ps, x, training);
            if (newShape.get(i)) {
                x = new NDList(laidOut(x.singletonOrThrow()));
            }
        }
        return head.forward(ps, x, training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        Shape[] s = stem.getOutputShapes(inputs);
        for (ResidualUnit unit : units) {
            s = unit.getOutputShapes(s);
        }
        return head.getOutputShapes(s);
    }

    /** The shape of every x_l (l = 0 … L) for the given input shape, without running anything. */
    public List<Shape> unitInputShapes(Shape input) {
        List<Shape> out = new ArrayList<>();
        Shape[] s = stem.getOutputShapes(new Shape[] {input});
        out.add(s[0]);
        for (ResidualUnit unit : units) {
            s = unit.getOutputShapes(s);
            out.add(s[0]);
        }
        return out;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        stem.initialize(manager, dataType, inputShapes);
        Shape[] s = stem.getOutputShapes(inputShapes);
        for (ResidualUnit unit : units) {
            unit.initialize(manager, dataType, s);
            s = unit.getOutputShapes(s);
        }
        head.initialize(manager, dataType, s);
    }

    @Override
    public Cost cost(Shape input) {
        Cost total = Cost.ZERO;
        Shape s = input;
        for (Block b : stem.getChildren().values()) {
            total = total.plus(Cost.of(b, s));
            s = b.getOutputShapes(new Shape[] {s})[0];
        }
        for (ResidualUnit unit : units) {
            total = total.plus(unit.cost(s));
            s = unit.getOutputShapes(new Shape[] {s})[0];
        }
        for (Block b : head.getChildren().values()) {
            total = total.plus(Cost.of(b, s));
            s = b.getOutputShapes(new Shape[] {s})[0];
        }
        return total;
    }

    @Override
    public String toString() {
        return spec.depth() + "-layer " + layout.body().name().toLowerCase() + " net of '" + unitType.name() + "' units ("
                + units.size() + " units, option " + spec.shortcut() + ", " + spec.classes() + " classes)";
    }
}
