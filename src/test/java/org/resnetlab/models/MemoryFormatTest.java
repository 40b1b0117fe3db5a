package org.resnetlab.models;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.resnetlab.units.MemoryFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Channels-last activations (PyTorch, CPU) change how the net's numbers are laid out, not what they are. */
class MemoryFormatTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"original", "full-preact"})
    void channelsLastGivesTheSameOutputAndGradientsAsNchw(String unit) {
        assumeTrue(Engine.hasEngine("PyTorch"), "needs the PyTorch engine");
        ModelSpec spec = ModelSpec.cifar(8, unit).withInput(3, 8); // 16/32/64 channels: channels-last applies
        try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
            Block net = Models.build(spec);
            Shape shape = new Shape(4, 3, 8, 8);
            net.initialize(manager, DataType.FLOAT32, shape);
            Random random = new Random(7);
            float[] data = new float[(int) shape.size()];
            for (int i = 0; i < data.length; i++) {
                data[i] = (float) random.nextGaussian();
            }
            NDArray x = manager.create(data, shape);
            List<float[]> nchw = pass(net, manager, x, "0");
            List<float[]> last = pass(net, manager, x, "1");
            assertEquals(nchw.size(), last.size());
            assertTrue(nchw.size() > 10, "logits and the gradients of every parameter");
            for (int k = 0; k < nchw.size(); k++) {
                float[] a = nchw.get(k);
                float[] b = last.get(k);
                double scale = 0;
                for (float v : a) {
                    scale = Math.max(scale, Math.abs(v));
                }
                for (int i = 0; i < a.length; i++) {
                    assertEquals(a[i], b[i], 1e-4 * Math.max(scale, 1e-3), "array " + k + ", element " + i);
                }
            }
        } finally {
            System.clearProperty("resnetlab.channels_last");
        }
    }

    @Test
    void theLayoutIsRecordedAsItIs() {
        try {
            System.setProperty("resnetlab.channels_last", "0");
            assertEquals("NCHW", MemoryFormat.layout("PyTorch"));
            System.setProperty("resnetlab.channels_last", "1");
            assertTrue(MemoryFormat.layout("PyTorch").startsWith("channels-last"));
            assertEquals("NCHW", MemoryFormat.layout("MXNet"));
        } finally {
            System.clearProperty("resnetlab.channels_last");
        }
    }

    /** Training-mode logits and every parameter's gradient of sum(logits²), with channels-last switched as given. */
    private static List<float[]> pass(Block net, NDManager manager, NDArray x, String channelsLast) {
        System.setProperty("resnetlab.channels_last", channelsLast);
        List<float[]> out = new ArrayList<>();
        try (NDManager sub = manager.newSubManager();
             GradientCollector gc = manager.getEngine().newGradientCollector()) {
            gc.zeroGradients(); // gradients accumulate across passes
            NDArray logits = net.forward(new ParameterStore(sub, false), new NDList(x), true).singletonOrThrow();
            gc.backward(logits.square().sum());
            out.add(logits.toFloatArray());
            for (var p : net.getParameters().values()) {
                if (p.requiresGradient()) {
                    out.add(p.getArray().getGradient().toFloatArray());
                }
            }
        }
        return out;
    }
}
