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
}
