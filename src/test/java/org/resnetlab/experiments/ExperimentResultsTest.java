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
}
