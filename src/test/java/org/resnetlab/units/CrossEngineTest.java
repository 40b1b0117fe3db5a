package org.resnetlab.units;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.resnetlab.models.Forward;
import org.resnetlab.models.ModelSpec;
import org.resnetlab.models.Models;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The same unit with the same weights gives the same output on MXNet and on PyTorch (to 1e-5). */
class CrossEngineTest {

    static Stream<String> units() {
        return ResidualUnits.names().stream().filter(n -> !n.equals("dropout-shortcut")); // random masks differ
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("units")
    void sameUnitSameWeightsSameOutput(String name) throws Exception {
        for (Body body : Body.values()) {
            int in = body == Body.BOTTLENECK ? 8 : 4;
            UnitConfig config = new UnitConfig(in, 4, 2, body, ShortcutOption.B, false, false);
            compare(() -> ResidualUnits.of(name).create(config), new Shape(2, in, 8, 8));
        }
    }

    @Test
    void wholeNetworkAgrees() throws Exception {
        ModelSpec spec = ModelSpec.cifar(8, "full-preact").withInput(3, 8);
        compare(() -> Models.build(spec), new Shape(2, 3, 8, 8));
    }

    @Test
    void testsRunOnTheRequestedEngine() {
        String requested = System.getProperty("ai.djl.default_engine");
        assumeTrue(requested != null, "no engine requested");
        try (NDManager manager = NDManager.newBaseManager()) {
            assertEquals(requested, manager.getEngine().getEngineName());
        }
    }

    private static void compare(Supplier<Block> factory, Shape shape) throws Exception {
        assumeTrue(Engine.hasEngine("MXNet") && Engine.hasEngine("PyTorch"),
                "needs both engines on the classpath (mvn -Pboth)");
        Random random = new Random(42);
        float[] data = new float[(int) shape.size()];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) random.nextGaussian();
        }
        try (NDManager mx = Engine.getEngine("MXNet").newBaseManager();
             NDManager pt = Engine.getEngine("PyTorch").newBaseManager()) {
            Block a = factory.get();
            a.initialize(mx, DataType.FLOAT32, shape);
            // non-trivial BN statistics and affine parameters, so eval mode tests more than γ=1, β=0
            for (var p : a.getParameters().values()) {
                NDArray arr = p.getArray();
                if (p.getType() != ai.djl.nn.Parameter.Type.WEIGHT) {
                    float[] v = new float[(int) arr.size()];
                    for (int i = 0; i < v.length; i++) {
                        v[i] = 0.5f + random.nextFloat();
                    }
                    arr.set(v);
                }
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            a.saveParameters(new DataOutputStream(bytes));
            Block b = factory.get();
            b.loadParameters(pt, new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
            for (boolean training : new boolean[] {false, true}) {
                float[] outMx = Forward.run(a, mx.create(data, shape), training).toFloatArray();
                float[] outPt = Forward.run(b, pt.create(data, shape), training).toFloatArray();
                assertArrayEquals(outMx, outPt, 1e-5f, "training=" + training);
            }
        }
    }
}
