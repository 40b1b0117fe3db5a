package org.resnetlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingRunTest {
    @TempDir
    Path dir;

    @Test
    void shortRunOnSyntheticDataLearnsWellBelowChance() {
        long start = System.nanoTime();
        RunResult result = TrainingRun.of(TinyNets.config(dir.resolve("run"), 150)).withModelFactory(TinyNets::build)
                .withData(TinyNets.data()).run();
        System.out.println(result.metrics().print());
        System.out.printf("150 iterations in %.1f s%n", (System.nanoTime() - start) / 1e9);
        assertEquals(15, result.rows().size());
        assertTrue(result.finalTestError() < 30, "chance is 90%, got " + result.finalTestError());
    }

    @Test
    void shortRunOnRealFashionMnistLearns() {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                org.resnetlab.data.FashionMnist.isPresent(org.resnetlab.data.FashionMnist.DEBIAN_FOLDER),
                "Debian's dataset-fashion-mnist is not installed; skipped");
        org.resnetlab.data.DataSplits all = org.resnetlab.data.FashionMnist.load(org.resnetlab.data.FashionMnist.DEBIAN_FOLDER);
        org.resnetlab.data.DataSplits small = new org.resnetlab.data.DataSplits(all.train().head(2048), all.test().head(500));
        org.resnetlab.models.ModelSpec spec = org.resnetlab.models.ModelSpec.cifar(20, "tiny").withInput(1, 28);
        RunConfig config = RunConfig.of("fashion-mnist", spec, dir.resolve("fashion"))
                .withProtocol(Protocol.paper().withBatchSize(32).withIterations(100)).withEvalEvery(50);
        RunResult result = TrainingRun.of(config).withModelFactory(TinyNets::build).withData(small).run();
        System.out.println(result.metrics().print());
        assertTrue(result.finalTestError() < 40, "chance is 90%, got " + result.finalTestError());
    }

    /** Every array a step creates is closed: the number of live arrays is the same after 20 and after 80 steps. */
    @Test
    void liveArraysStayFlatAcrossIterations() {
        NDManager root;
        try (NDManager probe = NDManager.newBaseManager()) {
            root = probe.getParentManager();
        }
        NDManager system = root;
        List<Integer> live = new ArrayList<>();
        RunConfig config = TinyNets.config(dir.resolve("flat"), 80).withEvalEvery(20).withCheckpointEvery(20);
        TrainingRun.of(config).withModelFactory(TinyNets::build).withData(TinyNets.data()).withListener(new RunListener() {
            @Override
            public void checkpointed(int iteration) {
                live.add(system.getManagedArrays().size());
            }
        }).run();
        System.out.println("live arrays after each checkpoint: " + live);
        assertEquals(4, live.size());
        assertEquals(live.get(0), live.get(3), "arrays leak: " + live);
    }

    /** A grid runs many trainings in one JVM: each must give back every array it made. */
    @Test
    void consecutiveRunsLeaveNoArraysBehind() {
        NDManager system;
        try (NDManager probe = NDManager.newBaseManager()) {
            system = probe.getParentManager();
        }
        List<Integer> live = new ArrayList<>();
        for (int run = 0; run < 4; run++) {
            RunConfig config = TinyNets.config(dir.resolve("grid" + run), 10).withEvalEvery(5).withSeed(run);
            TrainingRun.of(config).withModelFactory(TinyNets::build).withData(TinyNets.data()).run();
            live.add(system.getManagedArrays().size());
        }
        System.out.println("live arrays after each run: " + live);
        assertEquals(live.get(1), live.get(3), "arrays leak across runs: " + live);
    }
}
