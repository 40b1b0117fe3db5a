package org.resnetlab.train;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.resnetlab.models.CifarResNet;
import org.resnetlab.models.ModelSpec;
import org.resnetlab.models.Models;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainedNetworkTest {
    @TempDir
    Path dir;

    /** The loaded network holds the parameters the run had at its end; atInitialisation those it started from. */
    @Test
    void restoresTheRunsLastAndFirstParameters() {
        ModelSpec spec = ModelSpec.cifar(8, "original").withInput(3, 16);
        RunConfig config = RunConfig.of("synthetic", spec, dir.resolve("run"))
                .withProtocol(Protocol.paper().withBatchSize(32).withIterations(4)).withEvalEvery(4);
        AtomicReference<Block> block = new AtomicReference<>();
        List<float[]> atStart = new ArrayList<>();
        List<float[]> atEnd = new ArrayList<>();
        TrainingRun.of(config).withData(TinyNets.data()).withModelFactory(s -> {
            block.set(Models.build(s));
            return block.get();
        }).withListener(new RunListener() {
            @Override
            public void started(RunConfig c, int startIteration, int iterations) {
                atStart.addAll(TinyNets.values(block.get()));
            }

            @Override
            public void checkpointed(int iteration) {
                atEnd.clear();
                atEnd.addAll(TinyNets.values(block.get()));
            }
        }).run();
        assertTrue(TrainedNetwork.available(config));
        try (TrainedNetwork trained = TrainedNetwork.load(config)) {
            assertEquals(4, trained.iteration());
            List<float[]> loaded = TinyNets.values(trained.net());
            assertEquals(atEnd.size(), loaded.size());
            for (int i = 0; i < loaded.size(); i++) {
                assertArrayEquals(atEnd.get(i), loaded.get(i), 0f, "parameter " + i);
            }
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            CifarResNet initial = TrainedNetwork.atInitialisation(config, manager);
            List<float[]> init = TinyNets.values(initial);
            boolean moved = false;
            for (int i = 0; i < init.size(); i++) {
                assertArrayEquals(atStart.get(i), init.get(i), 0f, "initial parameter " + i);
                moved |= !java.util.Arrays.equals(init.get(i), atEnd.get(i));
            }
            assertTrue(moved, "training changed the parameters");
        }
    }

    @Test
    void aRunWithoutCheckpointSaysWhatToDo() {
        RunConfig config = RunConfig.of("synthetic", ModelSpec.cifar(8, "original"), dir.resolve("none"));
        assertFalse(TrainedNetwork.available(config));
        var e = assertThrows(IllegalStateException.class, () -> TrainedNetwork.load(config));
        assertTrue(e.getMessage().contains("no checkpoint"), e.getMessage());
    }
}
