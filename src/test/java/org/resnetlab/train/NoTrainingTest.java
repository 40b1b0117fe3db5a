package org.resnetlab.train;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Grading reads recorded runs back and never trains ({@code RESNETLAB_NO_TRAINING}, here as its system property). */
class NoTrainingTest {
    @TempDir
    Path dir;

    @AfterEach
    void clear() {
        System.clearProperty(TrainingRun.NO_TRAINING_PROPERTY);
    }

    private static RunResult run(RunConfig config) {
        return TrainingRun.of(config).withModelFactory(TinyNets::build).withData(TinyNets.data()).run();
    }

    @Test
    void anUnrecordedRunIsAnErrorAndNothingIsWritten() {
        System.setProperty(TrainingRun.NO_TRAINING_PROPERTY, "1");
        Path out = dir.resolve("never");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> run(TinyNets.config(out, 20)));
        assertTrue(e.getMessage().contains(TrainingRun.NO_TRAINING_VARIABLE) && e.getMessage().contains(out.toString()),
                e.getMessage());
        assertFalse(Files.exists(out));
    }

    @Test
    void aRecordedRunIsReadBackUnchanged() throws Exception {
        RunConfig config = TinyNets.config(dir.resolve("done"), 20);
        RunResult trained = run(config);
        assertFalse(trained.alreadyComplete());
        String runJson = Files.readString(config.out().resolve(RunRecord.RUN));
        String metrics = Files.readString(config.out().resolve(RunRecord.METRICS));

        System.setProperty(TrainingRun.NO_TRAINING_PROPERTY, "true");
        RunResult read = run(config);
        assertTrue(read.alreadyComplete());
        assertEquals(trained.rows(), read.rows());
        assertEquals(runJson, Files.readString(config.out().resolve(RunRecord.RUN)));
        assertEquals(metrics, Files.readString(config.out().resolve(RunRecord.METRICS)));

        System.setProperty(TrainingRun.NO_TRAINING_PROPERTY, "0");  // off again: "0" means no
        assertTrue(run(config).alreadyComplete());
    }
}
