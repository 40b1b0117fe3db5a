package org.resnetlab.experiments;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.resnetlab.experiments.Experiments.Experiment;
import org.resnetlab.experiments.Experiments.LabelledRun;
import org.resnetlab.experiments.Experiments.Mode;
import org.resnetlab.models.Models;
import org.resnetlab.train.RunConfig;
import org.resnetlab.train.RunListener;
import org.resnetlab.train.RunResult;
import tech.tablesaw.api.Table;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExperimentsTest {

    private static final Path RESULTS = Path.of("/results");

    @Test
    void modeComesFromItsNameAndRejectsOthers() {
        assertEquals(Mode.CPU, Mode.parse(null));
        assertEquals(Mode.CPU, Mode.parse(" "));
        assertEquals(Mode.PAPER, Mode.parse("Paper"));
        assertEquals(Mode.QUICK, Mode.parse("quick"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Mode.parse("gpu"));
        assertTrue(e.getMessage().contains("quick, cpu or paper"), e.getMessage());
    }

    @Test
    void everyRunOfEveryModeHasItsOwnFolderAndAValidNetwork() {
        for (Mode mode : Mode.values()) {
            Set<Path> folders = new HashSet<>();
            for (Experiment experiment : Experiments.all(mode, RESULTS)) {
                for (LabelledRun run : experiment.runs()) {
                    assertTrue(folders.add(run.config().out()), "two runs share " + run.config().out());
                    assertTrue(run.config().out().startsWith(RESULTS.resolve(experiment.name())));
                    assertTrue(Models.cost(run.config().model()).parameters() > 0);
                }
            }
        }
    }

    @Test
    void cpuModeIsFashionMnistWithAReducedScheduleAndQuickModeIsSynthetic() {
        for (Experiment experiment : Experiments.all(Mode.CPU, RESULTS)) {
            assertTrue(experiment.reductions().contains("Fashion-MNIST"));
            for (LabelledRun run : experiment.runs()) {
                RunConfig c = run.config();
                assertEquals("fashion-mnist", c.dataset());
                assertEquals(1, c.model().inputChannels());
                assertEquals(28, c.model().imageSize());
                assertTrue(c.protocol().iterations() <= 1500, c.protocol().toString());
                assertEquals(2000, c.testLimit());
            }
        }
        for (Experiment experiment : Experiments.all(Mode.QUICK, RESULTS)) {
            for (LabelledRun run : experiment.runs()) {
                assertEquals("synthetic", run.config().dataset());
                assertTrue(run.config().model().depth() <= 20);
                assertTrue(run.config().protocol().iterations() <= 30);
            }
        }
        assertEquals(64_000, Experiments.deeper(Mode.PAPER, RESULTS).runs().get(0).config().protocol().iterations());
    }

    @Test
    void identitySeedsRepeatTheIdentityRunOfNotebook03WithOtherSeedsBesideIt() {
        RunConfig seed0 = Experiments.shortcutVariants(Mode.CPU, RESULTS).runs().get(0).config();
        List<LabelledRun> runs = Experiments.identitySeeds(Mode.CPU, RESULTS).runs();
        assertTrue(Experiments.identitySeeds(Mode.CPU, RESULTS).reductions().contains("seeds 1 and 2 (paper: median of 5)"));
        assertEquals(List.of("original, seed 1", "original, seed 2"), runs.stream().map(LabelledRun::label).toList());
        for (int i = 0; i < runs.size(); i++) {
            RunConfig c = runs.get(i).config();
            assertEquals(i + 1, c.seed());
            assertEquals(RESULTS.resolve("03-identity-seeds/fashion-mnist-20-original/seed" + (i + 1)), c.out());
            var expected = new java.util.HashMap<>(seed0.identity());
            var actual = new java.util.HashMap<>(c.identity());
            assertEquals(0L, ((Number) expected.remove("seed")).longValue());
            actual.remove("seed");
            assertEquals(expected, actual);  // nothing else differs
        }
    }

    @Test
    void degradationComparesPlainAndResidualNetsOfTheSameDepths() {
        List<LabelledRun> runs = Experiments.degradation(Mode.CPU, RESULTS).runs();
        assertEquals(List.of("plain-20", "plain-56", "ResNet-20", "ResNet-56"), runs.stream().map(LabelledRun::label).toList());
        assertEquals(List.of("plain", "plain", "original", "original"), runs.stream().map(r -> r.config().model().unit()).toList());
        // same parameter count: option A shortcuts are parameter-free ([1] §4.2)
        assertEquals(Models.cost(runs.get(0).config().model()).parameters(), Models.cost(runs.get(2).config().model()).parameters());
    }

    @Test
    void resultsTablesCarryEveryRowOfEveryRunUnderItsLabel(@TempDir Path dir) {
        Experiment tiny = new Experiment("tiny", Mode.QUICK, "test",
                List.of(new LabelledRun("first", Experiments.config(Mode.QUICK, 8, "original", 0, dir, "tiny").withIterations(4).withEvalEvery(2)),
                        new LabelledRun("second", Experiments.config(Mode.QUICK, 8, "plain", 0, dir, "tiny").withIterations(4).withEvalEvery(2))));
        ExperimentResults results = ExperimentResults.run(tiny, RunListener.NONE);
        Table curves = results.curves();
        int rows = results.results().stream().mapToInt(r -> r.rows().size()).sum();
        assertEquals(rows, curves.rowCount());
        assertEquals(results.results().get(0).rows().size(), curves.where(curves.stringColumn("run").isEqualTo("first")).rowCount());

        Table summary = results.summary();
        assertEquals(2, summary.rowCount());
        RunResult second = results.results().get(1);
        assertEquals("second", summary.stringColumn("run").get(1));
        assertEquals(second.finalTestError(), summary.doubleColumn("final test error %").get(1), 0.0);
        assertEquals(4, summary.intColumn("iterations").get(1));

        // a second call finds both runs recorded and trains nothing
        ExperimentResults again = ExperimentResults.run(tiny, RunListener.NONE);
        assertTrue(again.results().stream().allMatch(RunResult::alreadyComplete));
        assertEquals(curves.rowCount(), again.curves().rowCount());
    }
}
