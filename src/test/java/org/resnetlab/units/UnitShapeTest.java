package org.resnetlab.units;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.resnetlab.models.Forward;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every unit × body × (same shape | downsampling) × option A/B runs and has the shape it announces. */
class UnitShapeTest {

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String name : ResidualUnits.names()) {
            for (Body body : Body.values()) {
                for (boolean downsample : new boolean[] {false, true}) {
                    for (ShortcutOption option : ShortcutOption.values()) {
                        out.add(Arguments.of(name, body, downsample, option));
                    }
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} downsample={2} option {3}")
    @MethodSource("cases")
    void outputShape(String name, Body body, boolean downsample, ShortcutOption option) {
        int width = 4;
        int in = body == Body.BOTTLENECK ? (downsample ? 8 : 16) : (downsample ? 2 : 4);
        int stride = downsample ? 2 : 1;
        UnitConfig config = new UnitConfig(in, width, stride, body, option, false, false);
        ResidualUnit unit = ResidualUnits.of(name).create(config);
        Shape input = new Shape(2, in, 8, 8);
        Shape expected = new Shape(2, config.outChannels(), 8 / stride, 8 / stride);
        assertEquals(expected, unit.getOutputShapes(new Shape[] {input})[0], "announced shape");
        try (NDManager manager = NDManager.newBaseManager()) {
            unit.initialize(manager, DataType.FLOAT32, input);
            NDArray x = manager.randomNormal(input);
            assertEquals(expected, Forward.run(unit, x, false).getShape(), "inference");
            assertEquals(expected, Forward.run(unit, x, true).getShape(), "training");
        }
    }

    @Test
    void oddSizesSubsampleLikeTheStridedConv() {
        // Fashion-MNIST: 28 → 14 → 7 → 4; option A's subsampling must agree with the 3×3 stride-2 conv
        UnitConfig config = UnitConfig.basic(4, 8, 2);
        ResidualUnit unit = ResidualUnits.of("original").create(config);
        try (NDManager manager = NDManager.newBaseManager()) {
            Shape input = new Shape(1, 4, 7, 7);
            unit.initialize(manager, DataType.FLOAT32, input);
            assertEquals(new Shape(1, 8, 4, 4), Forward.run(unit, manager.randomNormal(input), false).getShape());
        }
    }
}
