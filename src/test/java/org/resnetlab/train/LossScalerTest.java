package org.resnetlab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * fp16's loss scaling, checked on a CPU (fp16 itself needs a CUDA GPU): the scaler's rule against GradScaler's, a
 * power-of-two scale changing nothing, an overflowing step leaving the weights alone, and a resume continuing
 * with the saved scale.
 */
class LossScalerTest {

    @TempDir
    Path dir;

    @Test
    void theScaleHalvesOnAnOverflowDoublesAfterItsIntervalAndIsSavedWhole() throws Exception {
        LossScaler s = new LossScaler(1024, 3);
        s.update(true);
        s.update(true);
        assertEquals(1024, s.scale(), "two finite steps of an interval of three: unchanged");
        s.update(false);
        assertEquals(512, s.scale());
        assertEquals(1, s.skipped());
        s.update(true);
        s.update(true);
        assertEquals(512, s.scale(), "an overflow restarts the count");
        s.update(true);
        assertEquals(1024, s.scale(), "three finite steps in a row double it");
        s.update(true);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        s.save(new DataOutputStream(bytes));
        LossScaler copy = new LossScaler(7, 3);
        copy.load(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertEquals(1024, copy.scale());
        assertEquals(1, copy.skipped());
        copy.update(true);
        copy.update(true);
        assertEquals(2048, copy.scale(), "the count of finite steps is part of the state");
        LossScaler top = new LossScaler(Float.MAX_VALUE, 1);
        top.update(true);
        assertEquals(Float.MAX_VALUE, top.scale(), "growth never reaches infinity");
        assertEquals(65536f, LossScaler.dynamic().scale(), "GradScaler's initial scale");
        assertThrows(IllegalArgumentException.class, () -> new LossScaler(0, 10));
        assertThrows(IllegalArgumentException.class, () -> new LossScaler(Float.POSITIVE_INFINITY, 10));
    }

    @Test
    void finiteGradientsSeesAnInfOrNanInAnyParameter() {
        Block block = TinyNets.build(TinyNets.spec());
        try (NDManager manager = NDManager.newBaseManager()) {
            block.initialize(manager, DataType.FLOAT32, new Shape(2, 3, 16, 16));
            List<NDArray> weights = new ArrayList<>();
            for (Parameter p : block.getParameters().values()) {
                if (p.requiresGradient()) {
                    weights.add(p.getArray());
                }
            }
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                NDArray sum = null;
                for (NDArray w : weights) {
                    NDArray s = w.sum();
                    sum = sum == null ? s : sum.add(s);
                }
                collector.backward(sum);
            }
            assertTrue(TrainingRun.finiteGradients(block), "gradients of a sum are all ones");
            NDArray last = weights.get(weights.size() - 1).getGradient();
            last.set(new ai.djl.ndarray.index.NDIndex("0"), Float.POSITIVE_INFINITY);
            assertFalse(TrainingRun.finiteGradients(block), "an inf in the classifier's gradient");
            last.set(new ai.djl.ndarray.index.NDIndex("0"), Float.NaN);
            assertFalse(TrainingRun.finiteGradients(block), "a NaN");
            last.set(new ai.djl.ndarray.index.NDIndex("0"), 1f);
            assertTrue(TrainingRun.finiteGradients(block));
        }
    }

    private static RunConfig config(Path out) {
        return TinyNets.config(out, 20);
    }

    private static List<MetricRow> rows(TrainingRun run) {
        return run.withModelFactory(TinyNets::build).withData(TinyNets.data()).run().rows();
    }

    /** Everything a row says about learning (not the wall-clock columns). */
    private static List<List<Double>> learning(List<MetricRow> rows) {
        List<List<Double>> out = new ArrayList<>();
        for (MetricRow r : rows) {
            out.add(List.of((double) r.iteration(), r.lr(), r.trainLoss(), r.trainError(), r.testLoss(), r.testError()));
        }
        return out;
    }

    @Test
    void aPowerOfTwoScaleThatNeverOverflowsChangesNoNumber() {
        List<MetricRow> plain = rows(TrainingRun.of(config(dir.resolve("plain"))));
        List<MetricRow> scaled = rows(TrainingRun.of(config(dir.resolve("scaled"))).withLossScaler(new LossScaler(1024, 1000)));
        assertEquals(learning(plain), learning(scaled), "×1024 then ÷1024 is exact in float32");
        // (a missing unscale would train on gradients ×1024, a missing scale on gradients ÷1024: both differ; a
        // non-power-of-two scale is no control, its rounding rarely reaches a weight in 20 steps)
    }

    @Test
    void anOverflowingStepLeavesTheWeightsAloneAndTheScaleBacksOffUntilTraining() {
        AtomicReference<Block> block = new AtomicReference<>();
        List<float[]> atStart = new ArrayList<>();
        List<float[]> afterFirstStep = new ArrayList<>();
        List<float[]> atEnd = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        // 2^70: the squared gradient norm overflows float32 for any norm above 2^-6, so the first steps overflow on
        // any engine (a fresh net's gradient norm is of order 1), and after a few halvings the run trains
        LossScaler scaler = new LossScaler(0x1p70f, 1000);
        RunResult result = TrainingRun.of(config(dir.resolve("overflow"))).withLossScaler(scaler)
                .withData(TinyNets.data()).withModelFactory(s -> {
                    block.set(TinyNets.build(s));
                    return block.get();
                }).withListener(new RunListener() {
                    @Override
                    public void started(RunConfig c, int startIteration, int iterations) {
                        atStart.addAll(TinyNets.trainableValues(block.get()));
                    }

                    @Override
                    public void stepped(int iteration, double lr, double loss) {
                        if (iteration == 1) {
                            afterFirstStep.addAll(TinyNets.trainableValues(block.get()));
                        }
                    }

                    @Override
                    public void checkpointed(int iteration) {
                        atEnd.clear();
                        atEnd.addAll(TinyNets.trainableValues(block.get()));
                    }

                    @Override
                    public void warning(String message) {
                        warnings.add(message);
                    }
                }).run();
        for (int i = 0; i < atStart.size(); i++) {
            assertArrayEquals(atStart.get(i), afterFirstStep.get(i), 0f, "a skipped step moves no weight (parameter " + i + ")");
        }
        long skipped = scaler.skipped();
        assertTrue(skipped >= 1 && skipped < 20, skipped + " steps skipped");
        assertEquals(0x1p70f / (1L << skipped), scaler.scale(), "halved once per skipped step");
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith(skipped + " of 20 steps were skipped")), warnings.toString());
        boolean moved = false;
        for (int i = 0; i < atStart.size(); i++) {
            moved |= !java.util.Arrays.equals(atStart.get(i), atEnd.get(i));
        }
        assertTrue(moved, "once the scale fits, the run trains");
        assertTrue(Double.isFinite(result.rows().get(result.rows().size() - 1).trainLoss()));
    }

    /** Stops a run at its first checkpoint, as a kill would (the folder keeps that checkpoint). */
    private static final class StopAtCheckpoint extends RuntimeException {}

    @Test
    void aResumedRunContinuesWithTheScaleItsCheckpointHolds() {
        // a scale that overflows for a few steps, then doubles after every 2 finite steps until it overflows again:
        // at the checkpoint (iteration 7) it is not the initial one, so a resume with a fresh scaler would differ
        LossScaler wholeScaler = new LossScaler(0x1p70f, 2);
        List<MetricRow> whole = rows(TrainingRun.of(config(dir.resolve("whole"))).withLossScaler(wholeScaler));
        assertTrue(wholeScaler.skipped() > 0, "the scale moved (else a fresh scaler on resume would pass too)");
        Path out = dir.resolve("resumed");
        assertThrows(StopAtCheckpoint.class, () -> rows(TrainingRun.of(config(out)).withLossScaler(new LossScaler(0x1p70f, 2))
                .withListener(new RunListener() {
                    @Override
                    public void checkpointed(int iteration) {
                        throw new StopAtCheckpoint();
                    }
                })));
        List<MetricRow> resumed = rows(TrainingRun.of(config(out)).withLossScaler(new LossScaler(0x1p70f, 2)));
        assertEquals(learning(whole), learning(resumed), "resumed with the checkpoint's scale, the run is the same");
    }
}
