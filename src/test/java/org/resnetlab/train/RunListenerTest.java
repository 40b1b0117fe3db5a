package org.resnetlab.train;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.resnetlab.models.ModelSpec;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The one line a notebook prints per run: the seed, and for a diverged run where it diverged, not a stale error. */
class RunListenerTest {

    private static String brief(Outcome outcome, List<MetricRow> rows) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        RunConfig config = RunConfig.of("fashion-mnist", ModelSpec.fashionMnist(56, "conv-shortcut"), Path.of("r"))
                .withSeed(1);
        RunListener.brief(new PrintStream(bytes, true, StandardCharsets.UTF_8))
                .finished(new RunResult(config, outcome, rows, true));
        return bytes.toString(StandardCharsets.UTF_8).strip();
    }

    @Test
    void aDivergedRunSaysWhereItDiverged() {
        MetricRow before = new MetricRow(500, 1, 0.1, 2.0, 60, 2.1, 57.58, 300, 100);
        assertEquals("recorded: conv-shortcut, depth 56, seed 1: diverged at iteration 613",
                brief(Outcome.diverged(613, Double.NaN), List.of(before)));
    }

    @Test
    void aCompletedRunGivesItsFinalTestError() {
        MetricRow last = new MetricRow(6000, 12.8, 0.001, 0.3, 11.4, 0.31, 11.13, 300, 1000);
        assertEquals("recorded: conv-shortcut, depth 56, seed 1: completed, test error 11.13%",
                brief(Outcome.atEnd(6000, 11.13), List.of(last)));
    }
}
