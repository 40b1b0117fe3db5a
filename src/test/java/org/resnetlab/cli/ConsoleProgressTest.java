package org.resnetlab.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.resnetlab.models.ModelSpec;
import org.resnetlab.train.Outcome;
import org.resnetlab.train.RunConfig;
import org.resnetlab.train.RunRecord;
import org.resnetlab.train.RunResult;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The closing line of a run points at metrics.csv only when the run wrote one. */
class ConsoleProgressTest {

    private static String finishedLine(Path out, Outcome outcome) {
        StringWriter text = new StringWriter();
        ConsoleProgress progress = new ConsoleProgress(new PrintWriter(text), "run");
        progress.finished(new RunResult(RunConfig.of("synthetic", ModelSpec.cifar(8, "original"), out), outcome,
                List.of(), false));
        return text.toString();
    }

    @Test
    void aRunThatDivergedBeforeItsFirstEvaluationPointsAtNoFile(@TempDir Path dir) {
        String line = finishedLine(dir, Outcome.diverged(423, Double.NaN));
        assertTrue(line.contains("diverged at iteration 423"), line);
        assertTrue(line.contains("no metric row recorded"), line);
        assertFalse(line.contains(RunRecord.METRICS), line);
    }

    @Test
    void aRunWithMetricRowsPointsAtItsFile(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(RunRecord.METRICS), "header\n");
        String line = finishedLine(dir, Outcome.atEnd(30, 12.5));
        assertTrue(line.contains("final test error 12.50%"), line);
        assertTrue(line.contains("metrics in " + dir.resolve(RunRecord.METRICS)), line);
    }
}
