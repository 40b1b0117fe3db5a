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
    void everyCommittedRunIsFoundWhereTheCampaignLooksForIt() throws java.io.IOException {
        Path results = Path.of("data/results");
        Set<Path> campaign = new HashSet<>();
        for (RunConfig run : Experiments.campaign(Mode.CPU, results)) {
            campaign.add(run.out());
        }
        for (LabelledRun run : Experiments.pilot(Mode.CPU, results).runs()) {
            campaign.add(run.config().out());
        }
        List<Path> committed;
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(results)) {
            committed = files.filter(f -> f.getFileName().toString().equals("run.json")).map(Path::getParent).toList();
        }
        assertTrue(committed.size() >= 5, "the committed CPU runs are under data/results: " + committed);
        for (Path folder : committed) {
            assertTrue(campaign.contains(folder), folder + " is committed but no CPU-mode run (campaign or pilot) names that folder");
        }
    }

    @Test
    void aRunFolderNamesItsConfiguration() {
        RunConfig run = Experiments.config(Mode.CPU, 56, "constant-scaling:0.5/1", 2, RESULTS);
        assertEquals(RESULTS.resolve("fashion-mnist-w0.25-6000it/56-constant-scaling_0.5_1/seed2"), run.out());
        assertEquals(run.out(), org.resnetlab.train.RunFolders.of(RESULTS, run));
        assertEquals(RESULTS.resolve("cifar10-w1-64000it/164-bottleneck-full-preact/seed0"),
                Experiments.config(Mode.PAPER, 164, "full-preact", 0, RESULTS).out());
    }

    @Test
    void aFolderHoldsOneConfigurationWhicheverExperimentAsksForIt() {
        for (Mode mode : Mode.values()) {
            java.util.Map<Path, java.util.Map<String, Object>> identities = new java.util.HashMap<>();
            for (Experiment experiment : Experiments.all(mode, RESULTS)) {
                Set<Path> folders = new HashSet<>();
                for (LabelledRun run : experiment.runs()) {
                    assertTrue(folders.add(run.config().out()), "two runs of " + experiment.name() + " share " + run.config().out());
                    assertTrue(run.config().out().startsWith(RESULTS));
                    assertTrue(Models.cost(run.config().model()).parameters() > 0);
                    var previous = identities.putIfAbsent(run.config().out(), run.config().identity());
                    if (previous != null) {
                        assertEquals(previous, run.config().identity(), "a pooled folder must hold the same configuration");
                    }
                }
            }
        }
    }

    @Test
    void theIdentityBaselineIsOnePooledSetOfRunsSharedByTheNotebooks() {
        Path identity56 = RESULTS.resolve("fashion-mnist-w0.25-6000it/56-original");
        for (Experiment e : List.of(Experiments.degradation(Mode.CPU, RESULTS), Experiments.shortcutVariants(Mode.CPU, RESULTS),
                Experiments.orderings(Mode.CPU, RESULTS), Experiments.deeper(Mode.CPU, RESULTS))) {
            List<Path> seeds = e.runs().stream().map(r -> r.config().out()).filter(p -> p.startsWith(identity56)).toList();
            assertEquals(List.of(identity56.resolve("seed0"), identity56.resolve("seed1"), identity56.resolve("seed2"),
                    identity56.resolve("seed3"), identity56.resolve("seed4")), seeds, e.name());
        }
        List<RunConfig> campaign = Experiments.campaign(Mode.CPU, RESULTS);
        assertEquals(campaign.size(), new HashSet<>(campaign.stream().map(RunConfig::out).toList()).size(), "each run once");
        // the campaign trains every run of every claim
        for (Experiment e : Experiments.all(Mode.CPU, RESULTS)) {
            for (LabelledRun run : e.runs()) {
                assertTrue(campaign.contains(run.config()), run.config().out().toString());
            }
        }
        // seeds 0-2 of everything come before the baselines' seeds 3-4
        int firstExtra = campaign.indexOf(campaign.stream().filter(c -> c.seed() >= 3).findFirst().orElseThrow());
        assertTrue(campaign.subList(firstExtra, campaign.size()).stream().allMatch(c -> c.seed() >= 3));
    }

    @Test
    void cpuModeKeepsThePapersDepthsWarmupAndSeedsOnFashionMnist() {
        for (Experiment experiment : Experiments.all(Mode.CPU, RESULTS)) {
            assertTrue(experiment.reductions().contains("Fashion-MNIST"));
            assertTrue(experiment.reductions().contains("width ×0.25"), experiment.reductions());
            for (LabelledRun run : experiment.runs()) {
                RunConfig c = run.config();
                assertEquals("fashion-mnist", c.dataset());
                assertEquals(1, c.model().inputChannels());
                assertEquals(28, c.model().imageSize());
                assertEquals(0.25, c.model().width());
                assertTrue(c.model().depth() >= 20, "depth " + c.model().depth());
                assertEquals(6000, c.protocol().iterations());
                assertEquals(400, c.protocol().warmupIterations(), "[2]'s warm-up, never scaled");
                assertEquals(0.01f, c.protocol().warmupRate());
                assertEquals(List.of(3000, 4500), c.protocol().dropsAt());
                assertEquals(0, c.testLimit(), "the whole test set");
            }
            if (!experiment.name().equals("02-trained-nets")) {
                for (String label : experiment.labels()) {
                    int seeds = experiment.seedsOf(label).size();
                    String unit = experiment.seedsOf(label).get(0).model().unit();
                    int depth = experiment.seedsOf(label).get(0).model().depth();
                    boolean baseline = depth == 56 && (unit.equals("original") || unit.equals("full-preact"));
                    assertTrue(seeds >= (baseline ? 5 : 3), label + ": " + seeds);
                }
            }
        }
        for (Experiment experiment : Experiments.all(Mode.QUICK, RESULTS)) {
            for (LabelledRun run : experiment.runs()) {
                assertEquals("synthetic", run.config().dataset());
                assertTrue(run.config().model().depth() <= 20);
                assertTrue(run.config().protocol().iterations() <= 30);
            }
        }
        RunConfig paper = Experiments.deeper(Mode.PAPER, RESULTS).runs().get(0).config();
        assertEquals(64_000, paper.protocol().iterations());
        assertEquals(5, Experiments.deeper(Mode.PAPER, RESULTS).seedsOf("original-164").size());
    }

    @Test
    void aCpuModeRunRecordsThePapersWarmupInItsRunJson(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        RunConfig config = Experiments.config(Mode.CPU, 56,
                "original", 0, dir);
        org.resnetlab.train.RunRecord.open(config).addSession(java.util.Map.of());
        com.google.gson.JsonObject run = org.resnetlab.train.RunRecord.read(config.out().resolve(org.resnetlab.train.RunRecord.RUN));
        assertEquals(400, run.getAsJsonObject("identity").get("warmup_iterations").getAsInt());
        assertEquals(0.01f, run.getAsJsonObject("identity").get("warmup_rate").getAsFloat());
        assertEquals(6000, run.getAsJsonObject("identity").get("iterations").getAsInt());
        assertTrue(run.getAsJsonObject("config").get("warmup_rule").getAsString().startsWith("[2]: 400 iterations at lr 0.01"));
    }

    @Test
    void degradationComparesPlainAndResidualNetsOfTheSameDepths() {
        Experiment deg = Experiments.degradation(Mode.CPU, RESULTS);
        assertEquals(List.of("plain-20", "plain-56", "ResNet-20", "ResNet-56"), deg.labels());
        assertEquals(List.of("plain", "plain", "original", "original"),
                deg.labels().stream().map(l -> deg.seedsOf(l).get(0).model().unit()).toList());
        // same parameter count: option A shortcuts are parameter-free ([1] §4.2)
        assertEquals(Models.cost(deg.seedsOf("plain-20").get(0).model()).parameters(),
                Models.cost(deg.seedsOf("ResNet-20").get(0).model()).parameters());
    }

    @Test
    void resultsTablesCarryEveryRowOfEveryRunUnderItsLabel(@TempDir Path dir) {
        Experiment tiny = new Experiment("tiny", Mode.QUICK, "test",
                List.of(new LabelledRun("first", Experiments.config(Mode.QUICK, 8, "original", 0, dir).withIterations(4).withEvalEvery(2)),
                        new LabelledRun("second", Experiments.config(Mode.QUICK, 8, "plain", 0, dir).withIterations(4).withEvalEvery(2))));
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
