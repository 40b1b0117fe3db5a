package org.resnetlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProtocolTest {

    @Test
    void paperScheduleAtItsBoundaries() {
        Protocol paper = Protocol.paper();
        assertEquals(64_000, paper.iterations());
        assertEquals(128, paper.batchSize());
        assertEquals(0.9f, paper.momentum());
        assertEquals(1e-4f, paper.weightDecay());
        LearningRateSchedule lr = paper.schedule();
        assertEquals(0.01f, lr.getNewValue(0));
        assertEquals(0.01f, lr.getNewValue(399));
        assertEquals(0.1f, lr.getNewValue(400));
        assertEquals(0.1f, lr.getNewValue(31_999));
        assertEquals(0.01f, lr.getNewValue(32_000), 1e-9);
        assertEquals(0.01f, lr.getNewValue(47_999), 1e-9);
        assertEquals(0.001f, lr.getNewValue(48_000), 1e-9);
        assertEquals(0.001f, lr.getNewValue(63_999), 1e-9);
    }

    @Test
    void shorterRunsKeepTheDropProportionsAndThePapersWarmup() {
        Protocol half = Protocol.paper().scaled(0.5);
        assertEquals(32_000, half.iterations());
        assertEquals(400, half.warmupIterations(), "[2]: 400 iterations at 0.01 whatever the run's length");
        assertEquals(List.of(16_000, 24_000), half.dropsAt());
        LearningRateSchedule lr = half.schedule();
        assertEquals(0.01f, lr.getNewValue(399));
        assertEquals(0.1f, lr.getNewValue(400));
        assertEquals(0.1f, lr.getNewValue(15_999));
        assertEquals(0.01f, lr.getNewValue(16_000), 1e-9);
        assertTrue(half.warmupRule().startsWith("[2]: 400 iterations at lr 0.01"), half.warmupRule());
        assertFalse(half.warmupShortened());

        Protocol cpu = Protocol.paper().withIterations(3000);
        assertEquals(400, cpu.warmupIterations());
        assertEquals(List.of(1500, 2250), cpu.dropsAt(), "1/2 and 3/4 of the run, as 32k and 48k of 64k");
        assertEquals(cpu, Protocol.paper().scaled(3000 / 64_000.0), "--scale and --iterations agree");

        Protocol edge = Protocol.paper().withIterations(1600);
        assertEquals(400, edge.warmupIterations(), "1,600 iterations is the shortest run that holds the whole warm-up");
        Protocol tiny = Protocol.paper().withIterations(640);
        assertEquals(640, tiny.iterations());
        assertEquals(160, tiny.warmupIterations(), "a run too short for 400 gets a quarter of itself");
        assertEquals(List.of(320, 480), tiny.dropsAt());
        assertTrue(tiny.warmupShortened());
        assertTrue(tiny.warmupRule().contains("160 iterations") && tiny.warmupRule().contains("at least 1600"), tiny.warmupRule());
        assertEquals("none", Protocol.paper().withWarmup(0.01f, 0).withIterations(3000).warmupRule());
        assertEquals(0, Protocol.paper().withWarmup(0.01f, 0).withIterations(3000).warmupIterations());
        assertTrue(Protocol.paper().withWarmup(0.05f, 100).warmupRule().startsWith("custom"));
        assertThrows(IllegalArgumentException.class, () -> Protocol.paper().scaled(Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> Protocol.paper().scaled(Double.NaN));
    }

    @Test
    void momentumSgdFollowsTorchsFormula() {
        try (NDManager manager = NDManager.newBaseManager()) {
            MomentumSgd sgd = MomentumSgd.builder().momentum(0.9f).learningRate(0.1f).optWeightDecays(0.01f)
                    .setRescaleGrad(0.5f).build();
            NDArray weight = manager.create(new float[] {1f, -2f});
            NDArray grad = manager.create(new float[] {4f, 2f});
            sgd.update("w", weight, grad);
            // v = 0.5·g + 0.01·w = (2.01, 0.98); w = w − 0.1·v
            float[] w1 = {1f - 0.201f, -2f - 0.098f};
            assertArrayClose(w1, weight.toFloatArray());
            sgd.setLearningRate(0.01f);
            sgd.update("w", weight, grad);
            float v0 = 0.9f * 2.01f + 2f + 0.01f * w1[0];
            float v1 = 0.9f * 0.98f + 1f + 0.01f * w1[1];
            assertArrayClose(new float[] {w1[0] - 0.01f * v0, w1[1] - 0.01f * v1}, weight.toFloatArray());
        }
    }

    @Test
    void onTwoDevicesTheSummedGradientIsAveraged() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Protocol protocol = Protocol.paper();
            NDArray single = manager.create(new float[] {0.5f, -1f});
            NDArray split = single.duplicate();
            float[] g1 = {0.2f, 0.4f};
            float[] g2 = {0.6f, -0.2f};
            // one device sees the whole batch: the mean gradient is the mean of the halves' mean gradients
            TrainingRun.optimizer(protocol, 1).update("w", single, manager.create(new float[] {0.4f, 0.1f}));
            // two devices: DJL hands every device the sum of both devices' gradients
            MomentumSgd two = TrainingRun.optimizer(protocol, 2);
            two.update("w", split, manager.create(new float[] {g1[0] + g2[0], g1[1] + g2[1]}));
            assertArrayClose(single.toFloatArray(), split.toFloatArray());
        }
    }

    private static void assertArrayClose(float[] expected, float[] actual) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-6);
        }
    }
}
