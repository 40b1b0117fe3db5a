package org.resnetlab.experiments;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.resnetlab.experiments.Experiments.Experiment;
import org.resnetlab.experiments.Experiments.LabelledRun;
import org.resnetlab.models.ModelSpec;
import org.resnetlab.train.Outcome;
import org.resnetlab.train.RunConfig;
import org.resnetlab.train.RunResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExperimentResultsTest {

    private static ExperimentResults recorded(Path root, String... sessionEngines) throws IOException {
        List<LabelledRun> runs = new ArrayList<>();
        List<RunResult> results = new ArrayList<>();
        for (int i = 0; i < sessionEngines.length; i++) {
            RunConfig config = RunConfig.of("fashion-mnist", ModelSpec.fashionMnist(20, "original"),
                    root.resolve("run" + i).resolve("seed0"));
            if (sessionEngines[i] != null) {
                Files.createDirectories(config.out());
                Files.writeString(config.out().resolve("run.json"), "{\"sessions\": [" + sessionEngines[i]
                        + "], \"outcome\": {\"status\": \"completed\"}}");
            }
            runs.add(new LabelledRun("run" + i, config));
            results.add(new RunResult(config, Outcome.atEnd(10, 12.5), List.of(), true));
        }
        return new ExperimentResults(new Experiment("e", Experiments.Mode.CPU, "reduced", runs), results);
    }

    @Test
    void enginesComeFromTheRecordedSessionsInRunOrderWithoutRepeats(@TempDir Path root) throws IOException {
        var results = recorded(root,
                "{\"engine\": \"PyTorch\", \"engine_version\": \"2.7.1\"}",
                "{\"engine\": \"PyTorch\", \"engine_version\": \"2.7.1\"}, {\"engine\": \"MXNet\", \"engine_version\": \"1.9.0\"}",
                null);
        assertEquals(List.of("PyTorch 2.7.1", "MXNet 1.9.0"), results.engines());
        assertEquals("reduced, trained on PyTorch 2.7.1 and MXNet 1.9.0", results.description());
        assertTrue(results.summary().name().endsWith("trained on PyTorch 2.7.1 and MXNet 1.9.0"), results.summary().name());
        assertTrue(PaperComparison.withPaper(results).name().contains("trained on PyTorch 2.7.1"));
    }

    @Test
    void runsWithoutRecordsLeaveTheTitleAlone(@TempDir Path root) throws IOException {
        var results = recorded(root, (String) null);
        assertEquals(List.of(), results.engines());
        assertEquals("reduced", results.description());
    }

    @Test
    void aCorruptRunJsonIsNamedInTheError(@TempDir Path root) throws IOException {
        var results = recorded(root, "{\"engine\": \"MXNet\"}");
        Path runJson = root.resolve("run0/seed0/run.json");
        Files.writeString(runJson, "{\"sessions\": [tru");
        var e = assertThrows(IllegalStateException.class, results::engines);
        assertTrue(e.getMessage().contains(runJson.toString()), e.getMessage());
    }

    @Test
    void aDivergedSeedCountsAsTheWorstInTheMedianCurveFromWhereItDiverged() {
        ExperimentResults three = new RecordedRuns()
                .add("x", 56, "original", false, RecordedRuns.row(100, 1.0, 10, 12), RecordedRuns.row(200, 0.8, 8, 9))
                .add("x", 56, "original", false, RecordedRuns.row(100, 2.0, 20, 22), RecordedRuns.row(200, 0.6, 6, 7))
                .add("x", 56, "original", true, RecordedRuns.row(100, 3.0, 30, 32))   // diverged at 101
                .build("e").medians();
        RunResult x = three.results().get(0);
        assertEquals(List.of(100, 200), x.rows().stream().map(r -> r.iteration()).toList());
        assertEquals(20.0, x.rows().get(0).trainError(), "at 100 every seed has a row: 10, 20, 30");
        assertEquals(8.0, x.rows().get(1).trainError(), "at 200: 8, 6 and the diverged seed above both");
        assertEquals(9.0, x.rows().get(1).testError());
        assertEquals(0.8, x.rows().get(1).trainLoss());
        assertTrue(x.outcome().ok(), "one of three diverged: the median seed completed");
        assertEquals(9.0, x.outcome().finalTestError(), "the scorecard's median of 9, 7 and diverged");
    }

    @Test
    void theMedianCurveEndsWhereHalfOfTheSeedsHaveDiverged() {
        ExperimentResults three = new RecordedRuns()
                .add("x", 56, "original", false, RecordedRuns.row(100, 1.0, 10, 12), RecordedRuns.row(200, 0.8, 8, 9))
                .add("x", 56, "original", true, RecordedRuns.row(100, 2.0, 20, 22))   // diverged at 101
                .add("x", 56, "original", true)                                      // before its first row
                .build("e").medians();
        RunResult x = three.results().get(0);
        assertEquals(List.of(100), x.rows().stream().map(r -> r.iteration()).toList());
        assertEquals(20.0, x.rows().get(0).trainError(), "10, 20 and one diverged before iteration 100");
        assertTrue(!x.outcome().ok(), "two of three diverged");

        ExperimentResults four = new RecordedRuns()
                .add("y", 56, "original", false, RecordedRuns.row(100, 1.0, 10, 12))
                .add("y", 56, "original", false, RecordedRuns.row(100, 1.0, 11, 13))
                .add("y", 56, "original", true)
                .add("y", 56, "original", true)
                .build("e").medians();
        assertTrue(four.results().get(0).rows().isEmpty(), "two of four diverged: the median is +∞ from the start");
        assertTrue(!four.results().get(0).outcome().ok());
    }
}
