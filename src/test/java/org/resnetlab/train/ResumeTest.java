package org.resnetlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run stopped abruptly and started again ends exactly where an uninterrupted run ends. */
class ResumeTest {
    private static final int ITERATIONS = 50;

    @TempDir
    Path dir;

    private static RunResult runToEnd(Path out, RunListener listener) {
        return TrainingRun.of(TinyNets.config(out, ITERATIONS)).withModelFactory(TinyNets::build)
                .withData(TinyNets.data()).withListener(listener).run();
    }

    /** Final parameters from a run folder's last checkpoint, by parameter name. */
    static Map<String, float[]> finalParameters(Path runFolder) throws IOException {
        Map<String, float[]> values = new LinkedHashMap<>();
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = TinyNets.build(TinyNets.spec());
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 16, 16));
            Checkpoint.Progress progress = Checkpoint.restore(runFolder, block, manager, null, null);
            assertEquals(ITERATIONS, progress.iteration());
            for (Pair<String, Parameter> p : block.getParameters()) {
                values.put(p.getKey(), p.getValue().getArray().toFloatArray());
            }
        }
        return values;
    }

    static void assertSameRun(Path expected, Path actual) throws IOException {
        Map<String, float[]> a = finalParameters(expected);
        Map<String, float[]> b = finalParameters(actual);
        assertEquals(a.keySet(), b.keySet());
        double largest = 0;
        for (String name : a.keySet()) {
            float[] x = a.get(name);
            float[] y = b.get(name);
            assertEquals(x.length, y.length);
            for (int i = 0; i < x.length; i++) {
                largest = Math.max(largest, Math.abs(x[i] - y[i]));
                assertEquals(x[i], y[i], 1e-5 * Math.max(1, Math.abs(x[i])), name + "[" + i + "]");
            }
        }
        System.out.println("largest parameter difference " + largest);
        List<MetricRow> rowsA = RunRecord.readMetrics(expected);
        List<MetricRow> rowsB = RunRecord.readMetrics(actual);
        assertEquals(rowsA.stream().map(MetricRow::iteration).toList(), rowsB.stream().map(MetricRow::iteration).toList(),
                "every metric row exactly once");
        for (int r = 0; r < rowsA.size(); r++) {
            MetricRow x = rowsA.get(r);
            MetricRow y = rowsB.get(r);
            assertEquals(x.lr(), y.lr());
            assertEquals(x.epoch(), y.epoch());
            assertEquals(x.trainLoss(), y.trainLoss(), 1e-5, "train_loss at " + x.iteration());
            assertEquals(x.trainError(), y.trainError(), 1e-9, "train_error at " + x.iteration());
            assertEquals(x.testLoss(), y.testLoss(), 1e-5, "test_loss at " + x.iteration());
            assertEquals(x.testError(), y.testError(), 1e-9, "test_error at " + x.iteration());
        }
    }

    @Test
    void crashInsideTheJvmThenRerunMatchesAnUninterruptedRun() throws IOException {
        Path reference = dir.resolve("reference");
        RunResult full = runToEnd(reference, RunListener.NONE);
        assertEquals(5, full.rows().size());
        Path crashed = dir.resolve("crashed");
        // dies after the row at 30 was written and before the checkpoint at 35: that row must not be duplicated
        RuntimeException crash = assertThrows(RuntimeException.class, () -> runToEnd(crashed, new RunListener() {
            @Override
            public void evaluated(MetricRow row) {
                if (row.iteration() == 30) {
                    throw new RuntimeException("simulated crash");
                }
            }
        }));
        assertEquals("simulated crash", crash.getMessage());
        assertEquals(28, Checkpoint.readProgress(crashed).iteration());
        List<Integer> resumedAt = new ArrayList<>();
        RunResult resumed = runToEnd(crashed, new RunListener() {
            @Override
            public void started(RunConfig config, int start, int total) {
                resumedAt.add(start);
            }
        });
        assertEquals(List.of(28), resumedAt);
        assertFalse(resumed.alreadyComplete());
        assertSameRun(reference, crashed);
        RunResult again = runToEnd(crashed, RunListener.NONE);
        assertTrue(again.alreadyComplete(), "a finished run is reported complete, not retrained");
    }

    @Test
    void sigkilledChildJvmResumesToTheSameFinalParameters() throws Exception {
        Path reference = dir.resolve("reference");
        runToEnd(reference, RunListener.NONE);
        Path killed = dir.resolve("killed");

        Process first = child(killed, 60);
        List<String> seen = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(first.getInputStream()))) {
            String line;
            while ((line = out.readLine()) != null) {
                seen.add(line);
                if (line.equals("evaluated 30")) {
                    first.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no finally blocks
                    break;
                }
            }
        }
        assertTrue(first.waitFor(30, TimeUnit.SECONDS));
        assertTrue(seen.contains("evaluated 30"), "child output: " + seen + " " + errors(first));
        assertFalse(seen.stream().anyMatch(l -> l.startsWith("finished")), "killed before the end: " + seen);
        assertEquals(137, first.exitValue(), "killed by SIGKILL");
        int checkpointed = Checkpoint.readProgress(killed).iteration();
        assertTrue(checkpointed > 0 && checkpointed < ITERATIONS, "checkpoint at " + checkpointed);

        Process second = child(killed, 0);
        String output = new String(second.getInputStream().readAllBytes());
        assertTrue(second.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, second.exitValue(), output + errors(second));
        assertTrue(output.startsWith("started " + checkpointed), output);
        assertTrue(output.contains("finished COMPLETED 5") || output.contains("finished FAIL 5"), output);
        assertSameRun(reference, killed);
    }

    private String errors(Process process) throws IOException {
        Path log = dir.resolve("child-" + process.pid() + ".err");
        return Files.isRegularFile(log) ? Files.readString(log) : "";
    }

    private Process child(Path out, long sleepMillis) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "-Dai.djl.offline=true", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"));
        String engine = System.getProperty("ai.djl.default_engine");
        if (engine != null) {
            command.add("-Dai.djl.default_engine=" + engine);
        }
        command.addAll(List.of(ResumeChild.class.getName(), out.toString(), String.valueOf(ITERATIONS),
                String.valueOf(sleepMillis)));
        ProcessBuilder builder = new ProcessBuilder(command);
        Path log = Files.createTempFile(dir, "child", ".err");
        assertNotNull(System.getProperty("java.class.path"));
        assertTrue(System.getProperty("java.class.path").contains(File.pathSeparator), "a real class path");
        Process process = builder.redirectError(log.toFile()).start();
        Files.move(log, dir.resolve("child-" + process.pid() + ".err"));
        return process;
    }
}
