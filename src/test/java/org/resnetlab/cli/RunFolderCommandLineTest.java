package org.resnetlab.cli;

import org.resnetlab.cli.Cli.Result;

import static org.resnetlab.cli.Cli.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.stream.JsonReader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.resnetlab.train.RunLock;

/** Issue 14 from the command line: every refusal is one sentence with its own exit code, and nothing is lost. */
class RunFolderCommandLineTest {
    @TempDir
    Path dir;

    /** A quick synthetic run into {@code out} with extra flags. */
    private static String[] train(Path out, String... extra) {
        List<String> base = List.of("--iterations", "4", "--batch-size", "8", "--eval-every", "2", "--test-limit", "16");
        List<String> args = new ArrayList<>(List.of("train", "--dataset", "synthetic", "--depth", "8", "--unit", "original",
                "--out", out.toString()));
        List<String> given = List.of(extra);
        for (int i = 0; i < base.size(); i += 2) {
            if (!given.contains(base.get(i))) {
                args.addAll(base.subList(i, i + 2));
            }
        }
        args.addAll(given);
        return args.toArray(String[]::new);
    }

    @Test
    void aFolderInUseIsRefusedWithExitCode3NamingTheFolderAndPid() throws Exception {
        Path out = dir.resolve("busy");
        try (RunLock held = RunLock.acquire(out)) {
            Result second = run(train(out));
            assertEquals(Main.FOLDER_BUSY, second.code());
            String line = second.oneLine();
            assertTrue(line.startsWith("resnetlab train: " + out + " is in use by ") && line.contains("pid "
                    + ProcessHandle.current().pid()), line);
        }
        assertFalse(Files.exists(out.resolve("run.json")), "the refused run wrote nothing");
        assertEquals(0, run(train(out)).code(), "free again once the holder is done");
    }

    @Test
    void nonsenseNumbersAreOneSentenceNamingTheFlagAndNothingIsWritten() {
        String[][] cases = {{"--lr", "-1"}, {"--lr", "NaN"}, {"--lr", "0"}, {"--warmup-lr", "Infinity"},
                {"--momentum", "NaN"}, {"--momentum", "1"}, {"--weight-decay", "-1"}, {"--weight-decay", "NaN"},
                {"--warmup-iterations", "-1"}, {"--warmup-iterations", "5"}, {"--test-limit", "-5"},
                {"--test-limit", "0"}, {"--eval-every", "0"}, {"--eval-every", "-1"}, {"--checkpoint-every", "-1"},
                {"--checkpoint-every", "0"}, {"--batch-size", "0"}, {"--batch-size", "-3"}};
        for (String[] flag : cases) {
            Path out = dir.resolve("nonsense" + flag[0] + flag[1]);
            Result r = run(train(out, flag));
            assertEquals(Main.INVALID_INPUT, r.code(), String.join(" ", flag) + ": " + r.err());
            assertTrue(r.oneLine().startsWith("resnetlab train: " + flag[0] + " "), r.err());
            assertFalse(Files.exists(out), String.join(" ", flag) + " wrote " + out);
        }
        for (String scale : List.of("Infinity", "NaN", "-0.5", "0", "1e9")) {
            Path out = dir.resolve("scale" + scale);
            Result r = run("train", "--dataset", "synthetic", "--depth", "8", "--unit", "original", "--scale", scale,
                    "--out", out.toString());
            assertEquals(Main.INVALID_INPUT, r.code(), scale);
            assertTrue(r.oneLine().startsWith("resnetlab train: --scale must be a finite number above 0"), r.err());
            assertFalse(Files.exists(out));
        }
        Result zeroBatch = run(train(dir.resolve("zero"), "--batch-size", "0"));
        assertFalse(zeroBatch.err().contains("64000"), "names the flag, not the paper's iteration count: " + zeroBatch.err());
    }

    @Test
    void aBatchLargerThanTheDataIsRefusedBeforeRunJsonSoTheCorrectedCommandRuns() {
        Path out = dir.resolve("big");
        Result big = run(train(out, "--batch-size", "4096"));
        assertEquals(Main.INVALID_INPUT, big.code());
        assertTrue(big.oneLine().contains("batch size 4096 is larger than the 2048 training images"), big.err());
        assertFalse(Files.exists(out.resolve("run.json")));
        Result fixed = run(train(out));
        assertEquals(0, fixed.code(), fixed.err());
    }

    @Test
    void runJsonIsStrictJson() throws Exception {
        Path out = dir.resolve("strict");
        assertEquals(0, run(train(out)).code());
        JsonReader strict = new JsonReader(new StringReader(Files.readString(out.resolve("run.json"))));
        strict.setLenient(false);
        JsonObject parsed = com.google.gson.internal.Streams.parse(strict).getAsJsonObject();
        assertTrue(parsed.has("identity"));
    }

    @Test
    void aDamagedRunJsonIsOneSentenceForTrainAndSkippedWithAWarningByReport() throws Exception {
        Path good = dir.resolve("results/good");
        assertEquals(0, run(train(good)).code());
        String valid = Files.readString(good.resolve("run.json"));
        List<String> damages = List.of("{ not json", "", valid.replace("\"depth\": 8", "\"depth\": \"twenty\""),
                valid.replace("\"status\": \"fail\"", "\"status\": 7").replace("\"status\": \"completed\"", "\"status\": 7"),
                "[1, 2]", valid.replace("\"seed\": 0,", ""));
        for (int i = 0; i < damages.size(); i++) {
            Path bad = dir.resolve("results/bad" + i);
            Files.createDirectories(bad);
            Files.writeString(bad.resolve("run.json"), damages.get(i));
            Result train = run(train(bad));
            assertEquals(Main.FOLDER_DAMAGED, train.code(), damages.get(i) + ": " + train.err());
            assertTrue(train.oneLine().startsWith("resnetlab train: " + bad.resolve("run.json") + " "), train.err());
        }
        Result report = run("report", "--results", dir.resolve("results").toString());
        assertEquals(0, report.code(), report.err());
        assertTrue(report.out().contains("synthetic") && report.out().contains("original"), report.out());
        List<String> warnings = report.err().strip().lines().toList();
        assertEquals(damages.size(), warnings.size(), report.err());
        for (int i = 0; i < damages.size(); i++) {
            String file = dir.resolve("results/bad" + i).resolve("run.json").toString();
            assertTrue(warnings.stream().anyMatch(w -> w.startsWith("resnetlab report: warning: skipped: " + file + " ")),
                    file + " in " + report.err());
        }
    }

    @Test
    void aDamagedMetricsFileNamesTheFileAndLine() throws Exception {
        Path out = dir.resolve("metrics");
        assertEquals(0, run(train(out, "--iterations", "8", "--checkpoint-every", "4")).code());
        Path csv = out.resolve("metrics.csv");
        List<String> lines = Files.readAllLines(csv);
        Path json = out.resolve("run.json");
        String finished = Files.readString(json);
        // unfinished again, so that train has to read the rows to resume
        Files.writeString(json, finished.replaceAll("(?s)\"outcome\": \\{.*?\\}", "\"outcome\": null"));
        Files.writeString(csv, "");
        Result empty = run(train(out, "--iterations", "8", "--checkpoint-every", "4"));
        assertEquals(Main.FOLDER_DAMAGED, empty.code(), empty.err());
        assertEquals("resnetlab train: " + csv + " is empty; restore it, or delete its run folder to start that run over.",
                empty.oneLine());
        Files.writeString(csv, lines.get(0) + "\n" + lines.get(1) + "\n" + lines.get(2).replace(",", ";") + "\n");
        Result bad = run(train(out, "--iterations", "8", "--checkpoint-every", "4"));
        assertEquals(Main.FOLDER_DAMAGED, bad.code(), bad.err());
        assertTrue(bad.oneLine().startsWith("resnetlab train: " + csv + " line 3 is not a metric row"), bad.err());
    }

    @Test
    void anOutThatCannotBeAFolderIsOneSentenceWithExitCode5() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        Result regular = run(train(file));
        assertEquals(Main.FOLDER_IO, regular.code(), regular.err());
        assertEquals("resnetlab train: " + file + " is a file, not a folder; choose a folder for the run (it is created "
                + "if missing).", regular.oneLine());
        Result under = run(train(file.resolve("run")));
        assertEquals(Main.FOLDER_IO, under.code(), under.err());
        assertTrue(under.oneLine().contains("a part of that path is a file, not a folder"), under.err());
        for (String system : List.of("/proc/resnetlab-test", "/sys/resnetlab-test")) {
            Result r = run(train(Path.of(system)));
            assertEquals(Main.FOLDER_IO, r.code(), system + ": " + r.err());
            assertTrue(r.oneLine().startsWith("resnetlab train: "), r.err());
            assertTrue(r.err().contains(system), r.err());
        }
    }

    @Test
    void depthZeroSuggestsEachNearestDepthOnce() {
        String[] args = train(dir.resolve("d0-bad"));
        args[4] = "0"; // --depth 8 -> 0
        Result zero = run(args);
        assertEquals(Main.INVALID_INPUT, zero.code());
        String line = zero.oneLine();
        assertTrue(line.contains("nearest 6n+2: 8;") && line.endsWith("nearest 9n+2: 11"), line);
        assertFalse(line.contains("8 or 8"), line);
    }

    /** MXNet prints a banner when its native engine starts; it must not land after our error line. */
    @Test
    void theEngineBannerComesBeforeTheErrorLine() throws Exception {
        String engine = System.getProperty("ai.djl.default_engine", "MXNet");
        org.junit.jupiter.api.Assumptions.assumeTrue(engine.equals("MXNet"), "the banner is MXNet's");
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(javaBin, "-cp", System.getProperty("java.class.path"),
                "-Dai.djl.offline=true", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", Main.class.getName()));
        command.addAll(List.of(train(dir.resolve("gpu"), "--devices", "gpu:7", "--engine", "mxnet")));
        Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        List<String> err = new String(p.getErrorStream().readAllBytes()).strip().lines().toList();
        assertTrue(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(Main.INVALID_INPUT, p.exitValue(), String.join("\n", err));
        assertTrue(err.get(err.size() - 1).startsWith("resnetlab train: --devices gpu:7: GPU 7 does not exist"),
                "the error is the last line: " + err);
    }

    @Test
    void gridStopsAtAFolderInUseAndSkipsADamagedRunWithAWarning() throws Exception {
        Path results = dir.resolve("results");
        String[] grid = {"grid", "degradation", "--synthetic", "--seeds", "1", "--depths", "20", "--iterations", "2",
                "--batch-size", "8", "--test-limit", "16", "--results", results.toString()};
        org.resnetlab.train.RunConfig template = org.resnetlab.train.RunConfig.of("synthetic",
                org.resnetlab.models.ModelSpec.cifar(20, "original"), results);
        List<org.resnetlab.train.RunConfig> runs = org.resnetlab.train.Grids.runs("degradation", 1, template, results)
                .stream().filter(r -> r.model().depth() == 20).toList();
        Path first = runs.get(0).out();
        try (RunLock held = RunLock.acquire(first)) {
            Result busy = run(grid);
            assertEquals(Main.FOLDER_BUSY, busy.code(), busy.err());
            assertTrue(busy.oneLine().startsWith("resnetlab grid: " + first + " is in use by "), busy.err());
        }
        Files.writeString(first.resolve("run.json"), "{\"identity\": ");
        Result skipped = run(grid);
        assertEquals(Main.FOLDER_DAMAGED, skipped.code(), skipped.err());
        assertTrue(Files.isRegularFile(runs.get(1).out().resolve("metrics.csv")), "the next run was trained");
        assertTrue(skipped.err().contains("resnetlab grid: warning: skipped [1/2]") && skipped.err().contains(
                first.resolve("run.json") + " is not valid JSON"), skipped.err());
        assertTrue(skipped.out().contains("paper vs ours"), skipped.out());
    }
    /** A shard of the campaign goes on past a damaged run folder, trains the rest, and exits with code 4 at the end. */
    @Test
    void experimentsSkipADamagedRunFolderTrainTheRestAndExitWithItsCode() throws Exception {
        Path home = dir.resolve("home");
        Path runs = home.resolve("target/quick-results/synthetic-w1-30it");
        Path damaged = runs.resolve("8-plain/seed0");
        Files.createDirectories(damaged);
        Files.writeString(damaged.resolve("run.json"), "{\"identity\": ");
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(javaBin, "-cp", System.getProperty("java.class.path"), "-Dai.djl.offline=true",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-Dai.djl.default_engine="
                        + System.getProperty("ai.djl.default_engine", "MXNet"),
                Main.class.getName(), "experiments", "--mode", "quick", "--shard", "0/12");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("RESNETLAB_HOME", home.toString());
        builder.environment().remove("RESNETLAB_TRAIN");
        Process p = builder.start();
        String err = new String(p.getErrorStream().readAllBytes());
        assertTrue(p.waitFor(300, java.util.concurrent.TimeUnit.SECONDS), err);
        assertEquals(Main.FOLDER_DAMAGED, p.exitValue(), err);
        assertTrue(err.contains("resnetlab experiments: " + damaged.resolve("run.json") + " is not valid JSON")
                && err.contains("(skipped; the other runs go on)"), err);
        assertTrue(err.contains("1 run(s) skipped, see above: target/quick-results/synthetic-w1-30it/8-plain/seed0"), err);
        assertFalse(err.contains("\tat "), err);
        assertEquals("{\"identity\": ", Files.readString(damaged.resolve("run.json")), "the damaged folder is left as it was");
        Path next = runs.resolve("8-shortcut-only-gating_0/seed0");
        assertTrue(Files.readString(next.resolve("run.json")).contains("\"completed\""), "the shard's other run was trained");
    }
}
