package org.resnetlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
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
}
