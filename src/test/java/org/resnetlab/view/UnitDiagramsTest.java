package org.resnetlab.view;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.resnetlab.models.Forward;
import org.resnetlab.units.ResidualUnit;
import org.resnetlab.units.ResidualUnits;
import org.resnetlab.units.UnitConfig;
import org.resnetlab.view.UnitDiagram.Kind;
import org.resnetlab.view.UnitDiagram.Op;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The diagrams render, and each description computes exactly what its unit class computes. */
class UnitDiagramsTest {

    private static final Shape INPUT = new Shape(4, 4, 6, 6);

    static Stream<String> units() {
        List<String> all = new ArrayList<>(UnitDiagrams.ORDERINGS);
        all.addAll(UnitDiagrams.SHORTCUT_VARIANTS.subList(1, UnitDiagrams.SHORTCUT_VARIANTS.size()));
        all.addAll(List.of("constant-scaling:0.5/1", "exclusive-gating:0", "plain"));
        return all.stream();
    }

    @Test
    void theFiveOrderingsRenderAsOneFigure() {
        BufferedImage image = UnitDiagrams.png(UnitDiagrams.ORDERINGS);
        assertEquals(5 * UnitDiagrams.PANEL_WIDTH, image.getWidth());
        assertTrue(image.getHeight() > 250 && image.getHeight() < 600, "height " + image.getHeight());
        assertTrue(distinctColours(image) > 10, "drawn boxes, lines and text, not a blank image");
        // every kind of box appears in its colour
        for (Kind kind : List.of(Kind.WEIGHT, Kind.BN, Kind.RELU)) {
            int rgb = UnitDiagrams.fill(kind).getRGB();
            assertTrue(pixels(image).anyMatch(p -> p == rgb), kind + " boxes drawn");
        }
        BufferedImage a = UnitDiagrams.png("original");
        BufferedImage e = UnitDiagrams.png("full-preact");
        assertEquals(a.getWidth(), e.getWidth());
        assertNotEquals(pixels(a).boxed().toList(), pixels(e).boxed().toList(), "different units, different pictures");
        int orange = UnitDiagrams.fill(Kind.SCALE).getRGB();
        assertFalse(pixels(a).anyMatch(p -> p == orange), "nothing on the identity shortcut");
        assertTrue(pixels(UnitDiagrams.png("constant-scaling")).anyMatch(p -> p == orange), "λ on the shortcut");
    }

    @Test
    void unknownUnitsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> UnitDiagrams.of("preact"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("units")
    void weightAndBnLayersComeInTheUnitsChildOrder(String name) {
        UnitDiagram d = UnitDiagrams.of(name);
        ResidualUnit unit = ResidualUnits.of(name).create(UnitConfig.basic(4, 4, 1));
        List<Kind> children = new ArrayList<>();
        for (String child : unit.getChildren().keys().stream().map(k -> k.replaceFirst("^\\d+", "")).toList()) {
            if (child.startsWith("conv")) {
                children.add(Kind.WEIGHT);
            } else if (child.startsWith("bn")) {
                children.add(Kind.BN);
            }
        }
        List<Kind> described = new ArrayList<>();
        Stream.concat(d.residual().stream(), d.afterAddition().stream()).map(Op::kind)
                .filter(k -> k == Kind.WEIGHT || k == Kind.BN).forEach(described::add);
        assertEquals(children, described, "weights and BNs of " + name + " in the order of " + unit.getChildren().keys());
        assertEquals(unit.shortcut() == null, d.shortcut() == null, "a shortcut exactly where the unit has one");
        assertEquals(unit.hasIdentityShortcut() && unit.hasIdentityAfterAddition(), d.isClearPath(), "clear path");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("units")
    void theDescriptionComputesWhatTheUnitComputes(String name) {
        if (name.startsWith("dropout")) {
            return; // random masks: covered by the child-order test
        }
        UnitDiagram d = UnitDiagrams.of(name);
        ResidualUnit unit = ResidualUnits.of(name).create(UnitConfig.basic(4, 4, 1));
        try (NDManager manager = NDManager.newBaseManager()) {
            unit.initialize(manager, DataType.FLOAT32, INPUT);
            NDArray x = manager.randomNormal(INPUT);
            // training mode: BN normalises with batch statistics, so its place in the unit matters
            NDArray expected = Forward.run(unit, x, true);
            NDArray described = interpret(d, unit, x);
            assertTrue(expected.allClose(described, 1e-4, 1e-4, false), name + ": the diagram's order of layers "
                    + "computes something else than the unit");
        }
    }

    @Test
    void theInterpreterTellsOrderingsApart() {
        // the check above can fail: (a)'s description run with (c)'s layers is not (c)
        ResidualUnit unit = ResidualUnits.of("relu-before-addition").create(UnitConfig.basic(4, 4, 1));
        try (NDManager manager = NDManager.newBaseManager()) {
            unit.initialize(manager, DataType.FLOAT32, INPUT);
            NDArray x = manager.randomNormal(INPUT);
            NDArray expected = Forward.run(unit, x, true);
            assertFalse(expected.allClose(interpret(UnitDiagrams.of("original"), unit, x), 1e-4, 1e-4, false));
        }
    }

    /** Runs a description box by box with the unit's own layers (conv1, bn1, … in order, gate, shortcut). */
    static NDArray interpret(UnitDiagram d, ResidualUnit unit, NDArray x) {
        ParameterStore ps = new ParameterStore(x.getManager(), false);
        try (GradientCollector ignored = x.getManager().getEngine().newGradientCollector()) {
            int[] convs = {0};
            int[] bns = {0};
            NDArray gate = child(unit, "gate") != null ? run(unit, "gate", ps, x) : null;
            NDArray f = x;
            for (Op op : d.residual()) {
                f = apply(op, f, unit, ps, convs, bns, gate, false);
            }
            if (d.shortcut() == null) {
                return after(d, unit, ps, f);
            }
            NDArray h = x;
            for (Op op : d.shortcut()) {
                h = apply(op, h, unit, ps, convs, bns, gate, true);
            }
            return after(d, unit, ps, h.add(f));
        }
    }

    private static NDArray after(UnitDiagram d, ResidualUnit unit, ParameterStore ps, NDArray y) {
        for (Op op : d.afterAddition()) {
            y = switch (op.kind()) {
                case BN -> run(unit, "bnAfterAddition", ps, y);
                case RELU -> Activation.relu(y);
                default -> throw new AssertionError("unexpected after the addition: " + op);
            };
        }
        return y;
    }

    private static NDArray apply(Op op, NDArray a, ResidualUnit unit, ParameterStore ps, int[] convs, int[] bns,
                                 NDArray gate, boolean onShortcut) {
        return switch (op.kind()) {
            case WEIGHT -> run(unit, "conv" + (++convs[0]), ps, a);
            case BN -> run(unit, "bn" + (++bns[0]), ps, a);
            case RELU -> Activation.relu(a);
            case SCALE -> a.mul(Float.parseFloat(op.label().replace("×", "").trim()));
            case GATE -> onShortcut ? a.mul(gate.neg().add(1f)) : a.mul(gate);
            case PROJECTION -> run(unit, "shortcut", ps, a);
            case DROPOUT -> throw new AssertionError("dropout is random");
        };
    }

    private static NDArray run(ResidualUnit unit, String child, ParameterStore ps, NDArray a) {
        Block block = child(unit, child);
        assertTrue(block != null, "the unit has a child '" + child + "': " + unit.getChildren().keys());
        return block.forward(ps, new NDList(a), true).singletonOrThrow();
    }

    /** A child block by the name the unit gave it (DJL prefixes "01", "02", … to keep the order). */
    static Block child(Block unit, String name) {
        for (var entry : unit.getChildren()) {
            if (entry.getKey().replaceFirst("^\\d+", "").equals(name)) {
                return entry.getValue();
            }
        }
        return null;
    }

    private static IntStream pixels(BufferedImage image) {
        return IntStream.range(0, image.getWidth() * image.getHeight())
                .map(i -> image.getRGB(i % image.getWidth(), i / image.getWidth()));
    }

    private static long distinctColours(BufferedImage image) {
        return pixels(image).distinct().count();
    }
}
