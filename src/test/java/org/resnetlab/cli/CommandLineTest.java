package org.resnetlab.cli;

import org.resnetlab.cli.Cli.Result;

import org.resnetlab.units.ShortcutOption;
import org.resnetlab.units.Body;
import static org.resnetlab.cli.Cli.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.resnetlab.models.ModelSpec;
import org.resnetlab.train.Grids;
import org.resnetlab.train.RunConfig;
import picocli.CommandLine;

class CommandLineTest {
    @TempDir
    Path dir;

    @Test
    void everyCommandHasHelp() {
        for (String command : List.of("train", "grid", "report")) {
            Result r = run(command, "--help");
            assertEquals(0, r.code(), command);
            assertTrue(r.out().contains("Usage: resnetlab " + command), r.out());
        }
        assertTrue(run("train", "--help").out().contains("--checkpoint-every"));
    }

    @Test
    void invalidFlagsGetOneLineAndTheUsage() {
        Result unknown = run("train", "--dataset", "synthetic", "--depth", "20", "--unit", "original", "--out", "x", "--bogus");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().startsWith("resnetlab: Unknown option: '--bogus'"), unknown.err());
        assertTrue(unknown.err().contains("Usage: resnetlab train"), unknown.err());
        Result both = run("train", "--dataset", "synthetic", "--depth", "20", "--unit", "original", "--out", "x",
                "--iterations", "5", "--scale", "0.1");
        assertEquals(2, both.code());
        assertTrue(both.err().contains("mutually exclusive"), both.err());
        Result badDataset = run("train", "--dataset", "imagenet", "--depth", "20", "--unit", "original", "--out", dir.toString());
        assertEquals(2, badDataset.code());
        assertEquals(1, badDataset.err().strip().lines().count(), badDataset.err());
        assertTrue(badDataset.err().contains("cifar10|cifar100|fashion-mnist|synthetic"), badDataset.err());
        Result badDepth = run("train", "--dataset", "synthetic", "--depth", "21", "--unit", "original", "--out", dir.toString());
        assertEquals(2, badDepth.code());
        assertEquals(1, badDepth.err().strip().lines().count(), badDepth.err());
    }

    @Test
    void aDefaultEngineMissingFromTheClassPathIsOneSentence(@TempDir Path dir) throws Exception {
        // its own JVM: DJL's failed static initialiser would poison this one
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.default_engine=TensorFlow", "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"),
                "org.resnetlab.cli.Main", "train", "--dataset", "synthetic", "--depth", "8", "--unit", "original",
                "--iterations", "2", "--out", dir.resolve("run").toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        String err = new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(2, p.waitFor(), err);
        List<String> ours = err.strip().lines().filter(l -> l.startsWith("resnetlab")).toList();
        assertEquals(1, ours.size(), err);
        assertTrue(ours.get(0).contains("TensorFlow") && ours.get(0).contains("-Pboth"), err);
        assertTrue(err.lines().noneMatch(l -> l.startsWith("\tat ")), "no stack trace: " + err);
    }

    @Test
    void trainFlagsBecomeTheRunConfig() {
        TrainCommand train = new TrainCommand();
        new CommandLine(train).parseArgs("--dataset", "cifar100", "--depth", "164", "--unit", "full-preact", "--body",
                "bottleneck", "--scale", "0.5", "--eval-every", "100", "--checkpoint-every", "200", "--seed", "3",
                "--engine", "pytorch", "--devices", "gpu:0,1", "--out", "o");
        RunConfig config = train.config();
        assertEquals("cifar100", config.dataset());
        assertEquals(100, config.model().classes());
        assertEquals(Body.BOTTLENECK, config.model().body());
        assertEquals(ShortcutOption.B, config.model().shortcut());
        assertEquals(32_000, config.protocol().iterations());
        assertEquals(List.of(16_000, 24_000), config.protocol().dropsAt());
        assertEquals(100, config.evalEvery());
        assertEquals(200, config.checkpointEvery());
        assertEquals(3, config.seed());
        assertEquals("PyTorch", config.engine());
        assertEquals("gpu:0,1", config.devices());
        TrainCommand knobs = new TrainCommand();
        new CommandLine(knobs).parseArgs("--dataset", "cifar10", "--depth", "20", "--unit", "original", "--out", "o",
                "--iterations", "6400", "--lr", "0.05", "--warmup-iterations", "0", "--momentum", "0.8", "--weight-decay", "5e-4");
        assertEquals(0.05f, knobs.config().protocol().learningRate());
        assertEquals(0, knobs.config().protocol().warmupIterations());
        assertEquals(0.8f, knobs.config().protocol().momentum());
        assertEquals(5e-4f, knobs.config().protocol().weightDecay());
        assertEquals(List.of(3200, 4800), knobs.config().protocol().dropsAt());
        TrainCommand fashion = new TrainCommand();
        new CommandLine(fashion).parseArgs("--dataset", "fashion-mnist", "--depth", "20", "--unit", "original", "--out", "o");
        assertEquals(1, fashion.config().model().inputChannels());
        assertEquals(28, fashion.config().model().imageSize());
        assertEquals(64_000, fashion.config().protocol().iterations());
        assertEquals(1000, fashion.config().evalEvery(), "default: 1/64 of the run");
        assertEquals(1000, fashion.config().checkpointEvery(), "default: the evaluation interval");
        assertEquals(500, fashion.config().withIterations(32_000).evalEvery());
        assertEquals(7, fashion.config().withEvalEvery(7).withIterations(100).evalEvery(), "an explicit interval stays");
    }

    @Test
    void trainRecordsTheContractedCsvAndASecondRunReportsComplete() throws Exception {
        Path out = dir.resolve("r20");
        String[] args = {"train", "--dataset", "synthetic", "--depth", "20", "--unit", "full-preact", "--iterations", "4",
                "--batch-size", "8", "--eval-every", "2", "--checkpoint-every", "2", "--test-limit", "16", "--seed", "1",
                "--out", out.toString()};
        Result first = run(args);
        assertEquals(0, first.code(), first.out() + first.err());
        assertTrue(first.out().contains("starting of 4"), first.out());
        List<String> csv = java.nio.file.Files.readAllLines(out.resolve("metrics.csv"));
        assertEquals(3, csv.size(), String.join("\n", csv));
        for (String column : List.of("iteration", "train_loss", "train_error", "test_loss", "test_error", "lr", "images_per_s")) {
            assertTrue(List.of(csv.get(0).split(",")).contains(column), column + " in " + csv.get(0));
        }
        assertTrue(csv.get(2).startsWith("4,"), csv.get(2));
        String runJson = java.nio.file.Files.readString(out.resolve("run.json"));
        assertTrue(runJson.contains("\"engine_version\"") && runJson.contains("\"git_commit\"") && runJson.contains("\"java\""), runJson);
        Result second = run(args);
        assertEquals(0, second.code(), second.err());
        assertTrue(second.out().contains("already complete"), second.out());
        assertEquals(csv, java.nio.file.Files.readAllLines(out.resolve("metrics.csv")));
        Result report = run("report", "--results", dir.toString());
        assertEquals(0, report.code(), report.err());
        assertTrue(report.out().contains("full-preact") && report.out().contains("synthetic"), report.out());
    }

    @Test
    void gridDryRunListsItsRunsAndReportNeedsResults() {
        Result dry = run("grid", "degradation", "--seeds", "2", "--depths", "20", "--dry-run", "--results", dir.toString());
        assertEquals(0, dry.code(), dry.err());
        assertTrue(dry.out().contains("[4/4] degradation/cifar10-20-basic-original/seed1"), dry.out());
        Result unknown = run("grid", "table9", "--dry-run", "--results", dir.toString());
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("table1, table2, table3, degradation"), unknown.err());
        Result missing = run("report", "--results", dir.resolve("none").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("no results folder"), missing.err());
    }

    @Test
    void gridsCoverThePapersTables() {
        RunConfig template = RunConfig.of("cifar10", ModelSpec.cifar(20, "original"), dir);
        assertEquals(11 * 5, Grids.runs("table1", 5, template, dir).size());
        assertEquals(10 * 5, Grids.runs("table2", 5, template, dir).size());
        assertEquals(10, Grids.runs("table3", 1, template, dir).size());
        List<RunConfig> degradation = Grids.runs("degradation", 2, template, dir);
        assertEquals(12, degradation.size());
        assertEquals(dir.resolve("degradation/cifar10-20-basic-plain/seed1"), degradation.get(1).out());
        assertEquals(1, degradation.get(1).seed());
    }

    @Test
    void experimentsShardsSplitTheCampaignAndRefuseNonsense() {
        Result all = run("experiments", "--mode", "quick", "--dry-run");
        Result first = run("experiments", "--mode", "quick", "--dry-run", "--shard", "0/2");
        Result second = run("experiments", "--mode", "quick", "--dry-run", "--shard", "1/2");
        assertEquals(0, all.code(), all.err());
        List<String> runs = all.out().lines().filter(l -> l.startsWith("  ")).toList();
        List<String> a = first.out().lines().filter(l -> l.startsWith("  ")).toList();
        List<String> b = second.out().lines().filter(l -> l.startsWith("  ")).toList();
        assertEquals(runs.size(), a.size() + b.size());
        assertTrue(a.stream().noneMatch(b::contains), "disjoint");
        assertEquals(runs.get(0), a.get(0));
        assertEquals(runs.get(1), b.get(0));
        // a run's estimate does not depend on which shard lists it; the shards' hours add up to the campaign's, and a
        // one-thread shard's wall-clock is its process-hours (the whole campaign's is half of them, on two shards)
        assertTrue(runs.containsAll(a) && runs.containsAll(b), first.out());
        double[] whole = hours(all.out()), one = hours(first.out()), other = hours(second.out());
        assertEquals(whole[0], one[0] + other[0], 0.11, all.out());
        assertEquals(whole[0] / 2, whole[1], 0.06, all.out());
        assertEquals(one[0], one[1], 1e-9, first.out());
        assertEquals(other[0], other[1], 1e-9, second.out());
        for (String bad : List.of("2/2", "x", "1/0", "-1/2")) {
            Result r = run("experiments", "--mode", "quick", "--dry-run", "--shard", bad);
            assertEquals(2, r.code(), bad);
            assertEquals(1, r.err().strip().lines().count(), r.err());
        }
    }

    /** {process-hours, wall-clock hours} from the closing line of {@code experiments --dry-run}. */
    private static double[] hours(String out) {
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("about ([0-9.]+) process-hours, i\\.e\\. about ([0-9.]+) hours of wall-clock").matcher(out);
        assertTrue(m.find(), out);
        return new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))};
    }

    @Test
    void scorecardPrintsEveryClaimAndTheRule() {
        Result r = run("scorecard", "--mode", "quick", "--markdown");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("| T2-b-worst |") && r.out().contains("Decision rule"), r.out());
        assertEquals(2, run("scorecard", "--mode", "gpu").code());
    }

    @Test
    void aRunTooShortForTheWarmupSaysSo() {
        Result r = run("train", "--dataset", "synthetic", "--depth", "8", "--unit", "original", "--iterations", "4",
                "--batch-size", "16", "--eval-every", "4", "--test-limit", "32", "--out", dir.resolve("short").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("note: warm-up shortened: 1 iterations at lr 0.01"), r.out());
    }

    @Test
    void fp16OnACpuGetsOneSentenceAndNoFolder() {
        Path out = dir.resolve("fp16");
        Result r = run("train", "--dataset", "synthetic", "--depth", "8", "--unit", "original", "--iterations", "4",
                "--batch-size", "16", "--eval-every", "4", "--test-limit", "32", "--engine", "mxnet", "--precision", "fp16",
                "--out", out.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("fp16 is for CUDA GPUs") && !r.err().contains("\tat "), r.err());
        assertTrue(!java.nio.file.Files.exists(out), "a refused run leaves no folder");
    }
}
