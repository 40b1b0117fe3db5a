package org.resnetlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutcomeTest {
    @TempDir
    Path dir;

    @Test
    void divergenceIsRecordedAsAnOutcomeAndTheRunEndsCleanly() throws Exception {
        Protocol explosive = Protocol.paper().withBatchSize(32).withIterations(30).withLearningRate(1e12f).withWarmup(1e12f, 1);
        RunConfig config = TinyNets.config(dir.resolve("boom"), 30).withProtocol(explosive).withEvalEvery(10);
        RunResult result = TrainingRun.of(config).withModelFactory(TinyNets::build).withData(TinyNets.data()).run();
        assertEquals(Outcome.Status.DIVERGED, result.outcome().status());
        assertTrue(result.outcome().iteration() >= 1 && result.outcome().iteration() <= 30, result.outcome().toString());
        JsonObject run = RunRecord.read(dir.resolve("boom").resolve(RunRecord.RUN));
        assertEquals("diverged", run.getAsJsonObject("outcome").get("status").getAsString());
        assertEquals(result.outcome().iteration(), run.getAsJsonObject("outcome").get("iteration").getAsInt());
        RunResult again = TrainingRun.of(config).withModelFactory(TinyNets::build).withData(TinyNets.data()).run();
        assertTrue(again.alreadyComplete());
        assertEquals(result.outcome(), again.outcome());
    }

    @Test
    void aRunThatEndsWithHighErrorIsCompletedNotFail() throws Exception {
        // [2]'s 20% "fail" belongs to converged CIFAR-10 runs compared over seeds (experiments.FailRule), not to a run
        RunConfig config = TinyNets.config(dir.resolve("short"), 10).withEvalEvery(5);
        RunResult result = TrainingRun.of(config).withModelFactory(TinyNets::build).withData(TinyNets.data()).run();
        assertTrue(result.finalTestError() > 20, "10 iterations cannot reach 20%: " + result.finalTestError());
        assertEquals(Outcome.Status.COMPLETED, result.outcome().status());
        assertEquals("completed", RunRecord.read(dir.resolve("short").resolve(RunRecord.RUN))
                .getAsJsonObject("outcome").get("status").getAsString());
        assertTrue(result.outcome().ok());
        assertTrue(new Outcome(Outcome.Status.FAIL, 10, 30, "old record").ok(), "old 'fail' records completed");
    }

    @Test
    void aFolderHoldingAnotherRunIsRefused() {
        RunConfig config = TinyNets.config(dir.resolve("r"), 5).withEvalEvery(5);
        TrainingRun.of(config).withModelFactory(TinyNets::build).withData(TinyNets.data()).run();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> TrainingRun.of(config.withSeed(1))
                .withModelFactory(TinyNets::build).withData(TinyNets.data()).run());
        assertTrue(e.getMessage().contains("seed was 0, now 1"), e.getMessage());
    }
}
