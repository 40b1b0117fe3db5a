package org.resnetlab.cli;

import org.resnetlab.cli.Cli.Result;

import static org.resnetlab.cli.Cli.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.resnetlab.models.ModelSpec;
import org.resnetlab.train.Grids;
import org.resnetlab.train.Protocol;
import org.resnetlab.train.RunConfig;
import picocli.CommandLine;

/** grid --print-jobs and --slurm (issue 16), and the grid slips of issue 14 item 8. No training: run.json by hand. */
class GridJobsTest {
    @TempDir
    Path dir;

    private static final Gson GSON = new GsonBuilder().serializeNulls().create();

    /** A run.json as the runner writes it: identity, config, sessions and (when finished) an outcome. */
    static void record(RunConfig config, String status, Double error) throws Exception {
        Files.createDirectories(config.out());
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("identity", config.identity());
        run.put("config", config.toMap());
        run.put("sessions", List.of());
        if (status == null) {
            run.put("outcome", null);
        } else {
            Map<String, Object> outcome = new LinkedHashMap<>();
            outcome.put("status", status);
            outcome.put("iteration", config.protocol().iterations());
            outcome.put("final_test_error", error);
            outcome.put("detail", "");
            run.put("outcome", outcome);
        }
        Files.writeString(config.out().resolve("run.json"), GSON.toJson(run));
    }

    /** Splits a POSIX shell line the way bash does for the quoting {@code --print-jobs} uses. */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == ' ') {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
                continue;
            }
            word = word == null ? new StringBuilder() : word;
            if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                word.append(line, i + 1, end);
                i = end;
            } else if (c == '\\') {
                word.append(line.charAt(++i));
            } else {
                word.append(c);
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }

    private static RunConfig parsedByTrain(String line) {
        List<String> words = words(line);
        assertEquals(List.of("bin/resnetlab", "train"), words.subList(0, 2), line);
        TrainCommand train = new TrainCommand();
        new CommandLine(train).parseArgs(words.subList(2, words.size()).toArray(String[]::new));
        return train.config();
    }

    private static JsonObject identity(RunConfig config) {
        return GSON.fromJson(GSON.toJson(config.identity()), JsonObject.class);
    }

    @Test
    void printJobsGivesOneTrainCommandPerIncompleteRunThatIsExactlyThatRun() throws Exception {
        Path results = dir.resolve("my results");
        Path data = dir.resolve("it's data");
        // the grid's own runs, built independently of the command: the paper's protocol at 5%, lr 0.05, no augmentation
        RunConfig template = RunConfig.of("cifar10", ModelSpec.cifar(20, "original"), results)
                .withProtocol(Protocol.paper().scaled(0.05).withLearningRate(0.05f)).withAugment(false)
                .withEngine("PyTorch").withDataDir(data).withTestLimit(500);
        List<RunConfig> expected = Grids.runs("table2", 2, template, results);
        assertEquals(20, expected.size());
        record(expected.get(3), "completed", 7.5);
        record(expected.get(4), null, null); // in progress: still a job

        Result jobs = run("grid", "table2", "--seeds", "2", "--scale", "0.05", "--lr", "0.05", "--no-augment",
                "--engine", "pytorch", "--data-dir", data.toString(), "--test-limit", "500", "--results", results.toString(),
                "--print-jobs");
        assertEquals(0, jobs.code(), jobs.err());
        List<String> lines = jobs.out().strip().lines().toList();
        assertEquals(19, lines.size(), jobs.out());
        List<RunConfig> todo = new ArrayList<>(expected);
        todo.remove(3);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            for (String option : List.of("--dataset", "--depth", "--body", "--unit", "--seed", "--scale", "--batch-size", "--lr",
                    "--warmup-lr", "--warmup-iterations", "--momentum", "--weight-decay", "--eval-every",
                    "--checkpoint-every", "--test-limit", "--no-augment", "--engine", "--devices", "--data-dir", "--out")) {
                assertTrue(words(line).contains(option), option + " spelled out in " + line);
            }
            RunConfig parsed = parsedByTrain(line);
            assertEquals(identity(todo.get(i)), identity(parsed), line);
            assertEquals(todo.get(i).out().toAbsolutePath(), parsed.out().toAbsolutePath(), line);
            assertEquals(data.toAbsolutePath(), parsed.dataDir().toAbsolutePath(), line);
        }
        assertTrue(lines.get(0).contains("'" + results.toAbsolutePath() + "/table2/"), "paths with spaces quoted: " + lines.get(0));
        assertTrue(lines.get(0).contains("--data-dir '" + dir.toAbsolutePath() + "/it'\\''s data'"), lines.get(0));
    }

    @Test
    void printJobsPathsAreRelativeToTheProjectRootAndSayWhenNothingIsLeft() throws Exception {
        Path results = Path.of("target/grid-jobs-test-" + System.nanoTime());
        try {
            Result jobs = run("grid", "degradation", "--depths", "20", "--seeds", "1", "--iterations", "6",
                    "--results", results.toString(), "--print-jobs");
            assertEquals(0, jobs.code(), jobs.err());
            List<String> lines = jobs.out().strip().lines().toList();
            assertEquals(2, lines.size(), jobs.out());
            assertTrue(lines.get(0).endsWith(" --out " + results + "/degradation/cifar10-20-basic-plain/seed0"), lines.get(0));
            assertTrue(lines.get(0).contains(" --iterations 6 "), lines.get(0));
            RunConfig template = RunConfig.of("cifar10", ModelSpec.cifar(20, "original"), results).withIterations(6);
            for (RunConfig r : Grids.runs("degradation", 1, template, results)) {
                if (r.model().depth() == 20) {
                    record(r, "completed", 9.0);
                }
            }
            Result none = run("grid", "degradation", "--depths", "20", "--seeds", "1", "--iterations", "6",
                    "--results", results.toString(), "--print-jobs");
            assertEquals(0, none.code(), none.err());
            assertEquals("", none.out());
            assertTrue(none.err().contains("every run of degradation (2) is complete"), none.err());
        } finally {
            if (Files.exists(results)) {
                try (var walk = Files.walk(results)) {
                    for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        }
    }

    @Test
    void slurmWritesOneArrayTaskPerIncompleteRunWithItsRequests() throws Exception {
        Path results = dir.resolve("results");
        Path script = dir.resolve("jobs/smoke.sbatch");
        String[] grid = {"grid", "smoke", "--synthetic", "--seeds", "3", "--iterations", "4", "--devices", "gpu:0,1",
                "--results", results.toString()};
        RunConfig template = RunConfig.of("synthetic", ModelSpec.cifar(20, "original"), results).withIterations(4)
                .withDevices("gpu:0,1");
        record(Grids.runs("smoke", 3, template, results).get(0), "completed", 50.0);

        Result jobs = run(concat(grid, "--print-jobs"));
        assertEquals(0, jobs.code(), jobs.err());
        List<String> lines = jobs.out().strip().lines().toList();
        assertEquals(5, lines.size());

        Result slurm = run(concat(grid, "--slurm", script.toString(), "--time", "01:30:00"));
        assertEquals(0, slurm.code(), slurm.err());
        assertTrue(slurm.out().contains("sbatch " + script), slurm.out());
        String text = Files.readString(script);
        List<String> sbatch = text.lines().filter(l -> l.startsWith("#SBATCH ")).toList();
        assertTrue(sbatch.contains("#SBATCH --array=0-4"), text);
        assertTrue(sbatch.contains("#SBATCH --gpus=2"), "two GPUs for --devices gpu:0,1: " + text);
        assertTrue(sbatch.contains("#SBATCH --time=01:30:00"), text);
        assertTrue(sbatch.contains("#SBATCH --cpus-per-task=4") && sbatch.contains("#SBATCH --mem=8G"), "defaults: " + text);
        Path logs = results.resolve("smoke/slurm-logs").toAbsolutePath();
        assertTrue(sbatch.contains("#SBATCH --output=" + logs + "/task-%a-job-%A.log"), text);
        assertTrue(Files.isDirectory(logs), "Slurm does not create the log folder itself");
        for (int i = 0; i < lines.size(); i++) {
            assertTrue(text.contains("\n  " + i + ") exec " + lines.get(i) + " ;;\n"), "task " + i + " runs line " + i);
        }
        Process bash = new ProcessBuilder("bash", "-n", script.toString()).redirectErrorStream(true).start();
        String syntax = new String(bash.getInputStream().readAllBytes());
        assertEquals(0, bash.waitFor(), syntax);

        Result cpu = run("grid", "smoke", "--synthetic", "--iterations", "4", "--results", dir.resolve("cpu").toString(),
                "--slurm", script.toString(), "--cpus", "2", "--mem", "2G");
        assertEquals(0, cpu.code(), cpu.err());
        String cpuText = Files.readString(script);
        assertFalse(cpuText.contains("--gpus"), "no GPU request for --devices cpu: " + cpuText);
        assertTrue(cpuText.contains("#SBATCH --cpus-per-task=2\n") && cpuText.contains("#SBATCH --mem=2G\n"), cpuText);
        assertTrue(cpuText.contains("OMP_NUM_THREADS=\"${SLURM_CPUS_PER_TASK:-2}\""), cpuText);

        Result stray = run("grid", "smoke", "--synthetic", "--results", results.toString(), "--gpus", "1");
        assertEquals(2, stray.code(), "a Slurm option without --slurm");
        Result both = run("grid", "smoke", "--synthetic", "--results", results.toString(), "--dry-run", "--print-jobs");
        assertEquals(2, both.code(), both.err());
        assertTrue(both.err().contains("mutually exclusive"), both.err());
    }

    private static String[] concat(String[] a, String... b) {
        List<String> all = new ArrayList<>(List.of(a));
        all.addAll(List.of(b));
        return all.toArray(String[]::new);
    }

    // ---- issue 14 item 8 ----

    @Test
    void syntheticRunsLiveInFoldersNamedAfterTheSyntheticDataset() throws Exception {
        RunConfig cifar = RunConfig.of("cifar10", ModelSpec.cifar(20, "original"), dir).withIterations(4);
        RunConfig synthetic = RunConfig.of("synthetic", ModelSpec.cifar(20, "original"), dir).withIterations(4);
        assertEquals(dir.resolve("table2/cifar10-110-basic-original/seed0"), Grids.runs("table2", 1, cifar, dir).get(0).out(),
                "CIFAR grids keep their folder names");
        List<RunConfig> runs = Grids.runs("table2", 1, synthetic, dir);
        assertEquals(dir.resolve("table2/synthetic-110-basic-original/seed0"), runs.get(0).out());
        List<RunConfig> table3 = Grids.runs("table3", 1, synthetic, dir);
        assertEquals(table3.size(), table3.stream().map(RunConfig::out).distinct().count(), "one folder per run");

        // a finished synthetic run is not a finished CIFAR-10 run
        record(runs.get(0), "completed", 5.0);
        Result dry = run("grid", "table2", "--seeds", "1", "--iterations", "4", "--depths", "110", "--results",
                dir.toString(), "--dry-run");
        assertEquals(0, dry.code(), dry.err());
        String first = dry.out().lines().findFirst().orElseThrow();
        assertTrue(first.startsWith("[1/5] table2/cifar10-110-basic-original/seed0"), dry.out());
        assertFalse(first.contains("complete"), dry.out());
        // and one stored by the old code in a cifar10 folder is not taken for the CIFAR-10 run
        record(runs.get(0).withOut(dir.resolve("table2/cifar10-110-basic-original/seed0")), "completed", 5.0);
        Result old = run("grid", "table2", "--seeds", "1", "--iterations", "4", "--depths", "110", "--results",
                dir.toString(), "--dry-run");
        String oldFirst = old.out().lines().findFirst().orElseThrow();
        assertFalse(oldFirst.contains("(complete)") || oldFirst.contains(": complete"), old.out());
        assertTrue(oldFirst.contains("different run (dataset was \"synthetic\", now \"cifar10\")"), old.out());
    }

    @Test
    void dryRunShowsTheStateOfEveryRun() throws Exception {
        RunConfig template = RunConfig.of("synthetic", ModelSpec.cifar(20, "original"), dir).withIterations(4);
        List<RunConfig> runs = Grids.runs("degradation", 1, template, dir).stream()
                .filter(r -> r.model().depth() == 20).toList();
        record(runs.get(0), "completed", 12.5);
        record(runs.get(1), null, null);
        Files.writeString(runs.get(1).out().resolve("metrics.csv"), "iteration,epoch,lr,train_loss,train_error,test_loss,"
                + "test_error,images_per_s,elapsed_s\n2,0.1,0.1,2.0,80.0,2.1,81.0,100.0,3.5\n");
        Result dry = run("grid", "degradation", "--synthetic", "--seeds", "2", "--iterations", "4", "--depths", "20",
                "--results", dir.toString(), "--dry-run");
        assertEquals(0, dry.code(), dry.err());
        assertTrue(dry.out().lines().allMatch(l -> l.contains(": ")), "every run has its state: " + dry.out());
        Map<String, String> state = dry.out().lines().collect(Collectors.toMap(l -> l.substring(0, l.indexOf(':')),
                l -> l.substring(l.indexOf(':') + 2)));
        assertEquals("complete: completed, test error 12.50%", state.get("[1/4] degradation/synthetic-20-basic-plain/seed0"));
        assertEquals("not started", state.get("[2/4] degradation/synthetic-20-basic-plain/seed1"));
        assertEquals("in progress (iteration 2 of 4)", state.get("[3/4] degradation/synthetic-20-basic-original/seed0"));
        assertEquals("not started", state.get("[4/4] degradation/synthetic-20-basic-original/seed1"));
    }

    @Test
    void aDepthFilterMatchingNothingIsOneSentenceAndAnError() {
        Result none = run("grid", "degradation", "--depths", "32", "--dry-run", "--results", dir.toString());
        assertNotEquals(0, none.code(), none.out());
        assertEquals("", none.out());
        assertEquals(1, none.err().strip().lines().count(), none.err());
        assertTrue(none.err().contains("no cell of depth 32") && none.err().contains("20, 56, 110"), none.err());
    }

    @Test
    void aFolderHoldingAnotherRunIsRefusedWithOptionsGridHas() throws Exception {
        RunConfig template = RunConfig.of("synthetic", ModelSpec.cifar(20, "original"), dir)
                .withProtocol(Protocol.paper().withBatchSize(8).withIterations(2)).withTestLimit(16);
        List<RunConfig> runs = Grids.runs("degradation", 1, template, dir);
        record(runs.get(1).withProtocol(runs.get(1).protocol().withLearningRate(0.05f)), "completed", 30.0);
        Result refused = run("grid", "degradation", "--synthetic", "--seeds", "1", "--depths", "20", "--iterations", "2",
                "--batch-size", "8", "--test-limit", "16", "--results", dir.toString());
        assertEquals(2, refused.code(), refused.out() + refused.err());
        assertEquals(1, refused.err().strip().lines().count(), refused.err());
        assertTrue(refused.err().contains(runs.get(1).out() + " holds a different run (learning_rate was 0.05, now 0.1)"),
                refused.err());
        assertFalse(refused.err().contains("--out"), "grid has no --out: " + refused.err());
        assertTrue(refused.err().contains("--results"), refused.err());
        assertFalse(Files.exists(runs.get(0).out().resolve("run.json")), "refused before training anything");
    }
}
