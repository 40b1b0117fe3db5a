package org.resnetlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** run.json is read through checks: a damaged one is one sentence naming it; every committed one passes. */
class RunRecordTest {
    @TempDir
    Path dir;

    @Test
    void everyCommittedRunJsonPassesTheChecks() throws IOException {
        Path results = Path.of("data", "results");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(results)) {
            files = walk.filter(f -> f.getFileName().toString().equals(RunRecord.RUN)).toList();
        }
        assertTrue(files.size() >= 1, "the committed results: " + files.size());
        for (Path file : files) {
            RunRecord.readChecked(file);
        }
        org.resnetlab.experiments.Report.Gathered gathered = org.resnetlab.experiments.Report.gather(List.of(results));
        assertEquals(List.of(), gathered.warnings());
        assertEquals(files.size(), gathered.runs().size());
    }

    @Test
    void everyCommittedMetricsCsvIsWrittenBackByteForByte() throws IOException {
        List<Path> folders;
        try (Stream<Path> walk = Files.walk(Path.of("data", "results"))) {
            folders = walk.filter(f -> f.getFileName().toString().equals(RunRecord.METRICS)).map(Path::getParent).toList();
        }
        assertTrue(folders.size() >= 5, "the committed results: " + folders);
        for (Path folder : folders) {
            Path copy = dir.resolve("copy-" + folders.indexOf(folder));
            RunRecord.writeMetrics(copy, RunRecord.readMetrics(folder));
            assertEquals(Files.readString(folder.resolve(RunRecord.METRICS)), Files.readString(copy.resolve(RunRecord.METRICS)),
                    folder + ": a resumed run rewrites its metrics.csv; the rows it read back must come out as they were");
        }
    }

    @Test
    void aRecordReadsTyped() throws IOException {
        Path file = dir.resolve("run.json");
        Files.writeString(file, "{\"identity\": {\"dataset\": \"cifar10\", \"depth\": 20, \"unit\": \"original\", \"seed\": 1,"
                + " \"iterations\": 10, \"lr_drops_at\": [5, 8], \"engine\": null}, \"outcome\": {\"status\": \"completed\","
                + " \"iteration\": 10, \"final_test_error\": 9.5, \"detail\": \"\"}}");
        RunRecord.Recorded r = RunRecord.recorded(file);
        assertEquals(List.of("cifar10", 20, "basic", "original", 1L, 10),
                List.of(r.dataset(), r.depth(), r.body(), r.unit(), r.seed(), r.iterations()), "no body: a basic one");
        assertEquals("[5,8]", r.identity().get("lr_drops_at"));
        assertEquals("null", r.identity().get("engine"));
        assertEquals("20", r.identity().get("depth"));
        assertEquals(9.5, r.outcome().finalTestError());
        assertTrue(r.finished() && RunRecord.hasOutcome(file));
        Files.writeString(file, Files.readString(file).replaceAll("\"outcome\": \\{.*\\}\\}$", "\"outcome\": null}"));
        assertFalse(RunRecord.recorded(file).finished());
        assertFalse(RunRecord.hasOutcome(file));
    }

    @Test
    void damagedRecordsNameTheFileAndWhatIsWrong() throws IOException {
        Path file = dir.resolve("run.json");
        String valid = "{\"identity\": {\"dataset\": \"cifar10\", \"depth\": 20, \"unit\": \"original\", \"seed\": 1,"
                + " \"iterations\": 10, \"lr_drops_at\": [5, 8], \"engine\": null}, \"outcome\": {\"status\": \"completed\","
                + " \"iteration\": 10, \"final_test_error\": 9.5, \"detail\": \"\"}}";
        Files.writeString(file, valid);
        assertEquals(20, RunRecord.readChecked(file).getAsJsonObject("identity").get("depth").getAsInt());
        List<String[]> cases = List.of(
                new String[] {"", " is empty;"},
                new String[] {"{\"identity\": ", " is not valid JSON ("},
                new String[] {"[]", " is not a JSON object;"},
                new String[] {valid.replace("\"depth\": 20", "\"depth\": \"twenty\""), " has identity.depth = \"twenty\", not a whole number;"},
                new String[] {valid.replace("\"depth\": 20", "\"depth\": 20.5"), " has identity.depth = 20.5, not a whole number;"},
                new String[] {valid.replace("[5, 8]", "[5, \"x\"]"), " has identity.lr_drops_at = [5,\"x\"], not a list of whole numbers;"},
                new String[] {valid.replace("\"seed\": 1,", ""), " lacks identity.seed;"},
                new String[] {valid.replace("\"completed\"", "\"done\""), " has outcome.status = \"done\", not one of [completed, diverged, fail];"},
                new String[] {valid.replace("\"iteration\": 10,", ""), " has outcome.iteration = null, not a whole number;"},
                new String[] {valid.replace("9.5", "\"low\""), " has outcome.final_test_error = \"low\", not a number;"});
        for (String[] c : cases) {
            Files.writeString(file, c[0]);
            RunFolderException.Damaged e = assertThrows(RunFolderException.Damaged.class, () -> RunRecord.readChecked(file), c[0]);
            assertTrue(e.getMessage().startsWith(file + c[1]), e.getMessage());
            assertTrue(e.getMessage().endsWith("; restore it, or delete its run folder to start that run over."), e.getMessage());
            assertEquals(file, e.path());
        }
    }
}
