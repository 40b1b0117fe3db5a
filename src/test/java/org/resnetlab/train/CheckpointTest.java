package org.resnetlab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints are verified by their SHA-256; a damaged newest one falls back to the previous, bit-identically. */
class CheckpointTest {
    private static final int ITERATIONS = 50;

    @TempDir
    Path dir;

    private static TrainingRun tiny(Path out, RunListener listener) {
        return TrainingRun.of(TinyNets.config(out, ITERATIONS)).withModelFactory(TinyNets::build)
                .withData(TinyNets.data()).withListener(listener);
    }

    /** A run stopped by a crash after its row at 30: checkpoints at 21 and 28 are on disk, rows 10, 20, 30. */
    private Path crashedAt30(String name) {
        Path out = dir.resolve(name);
        assertThrows(RuntimeException.class, () -> tiny(out, new RunListener() {
            @Override
            public void evaluated(MetricRow row) {
                if (row.iteration() == 30) {
                    throw new RuntimeException("simulated crash");
                }
            }
        }).run());
        return out;
    }

    private static List<String> checkpointFiles(Path out) throws IOException {
        try (Stream<Path> files = Files.list(out.resolve(Checkpoint.FOLDER))) {
            return files.map(f -> f.getFileName().toString()).filter(f -> !f.endsWith(".tmp")).sorted().toList();
        }
    }

    private Path reference() {
        Path out = dir.resolve("reference");
        if (!Files.isDirectory(out)) {
            tiny(out, RunListener.NONE).run();
        }
        return out;
    }

    @Test
    void twoVerifiedCheckpointsAreKeptAndTheirChecksumsAreSha256sumFiles() throws Exception {
        Path out = crashedAt30("crashed");
        assertEquals(List.of("state-00000021.bin", "state-00000021.bin.sha256", "state-00000028.bin",
                "state-00000028.bin.sha256"), checkpointFiles(out));
        Path newest = Checkpoint.file(out, 28);
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(newest)));
        assertEquals(expected + "  state-00000028.bin\n", Files.readString(newest.resolveSibling("state-00000028.bin.sha256")));
        assertEquals(28, Checkpoint.readProgress(out).iteration());
    }

    @Test
    void aDamagedNewestCheckpointFallsBackToThePreviousOneSaysSoAndEndsIdentically() throws Exception {
        Path reference = reference();
        List<Consumer<Path>> damages = List.of(
                file -> flip(file, 400), // inside the parameters: the case that used to load silently
                file -> write(file, new byte[0]),
                file -> write(file, java.util.Arrays.copyOf(read(file), read(file).length / 2)),
                file -> write(file, randomBytes(read(file).length)),
                file -> delete(file.resolveSibling(file.getFileName() + ".sha256"))); // an interrupted save
        for (int i = 0; i < damages.size(); i++) {
            Path out = crashedAt30("damaged" + i);
            damages.get(i).accept(Checkpoint.file(out, 28));
            List<String> warnings = new ArrayList<>();
            List<Integer> startedAt = new ArrayList<>();
            RunResult resumed = tiny(out, new RunListener() {
                @Override
                public void warning(String message) {
                    warnings.add(message);
                }

                @Override
                public void started(RunConfig config, int start, int total) {
                    startedAt.add(start);
                }
            }).run();
            assertEquals(List.of(21), startedAt, "damage " + i);
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).startsWith(Checkpoint.file(out, 28).toString())
                    && warnings.get(0).endsWith("; resuming from the checkpoint at iteration 21 instead."), warnings.get(0));
            assertEquals(5, resumed.rows().size());
            ResumeTest.assertSameRun(reference, out);
        }
    }

    @Test
    void withNoUsableCheckpointLeftTheRecordedRowsAreNotSilentlyDropped() throws Exception {
        Path deleted = crashedAt30("deleted");
        Checkpoint.delete(deleted);
        assertRefusedAndUntouched(deleted, "no usable checkpoint is left");
        Path damaged = crashedAt30("both-damaged");
        flip(Checkpoint.file(damaged, 21), 10);
        flip(Checkpoint.file(damaged, 28), 10);
        assertRefusedAndUntouched(damaged, "does not match its SHA-256");
    }

    private void assertRefusedAndUntouched(Path out, String reason) throws IOException {
        byte[] metrics = read(out.resolve(RunRecord.METRICS));
        byte[] record = read(out.resolve(RunRecord.RUN));
        RunFolderException.Damaged e = assertThrows(RunFolderException.Damaged.class, () -> tiny(out, RunListener.NONE).run());
        assertTrue(e.getMessage().startsWith(out.resolve(RunRecord.METRICS) + " has metric rows up to iteration 30 but "),
                e.getMessage());
        assertTrue(e.getMessage().contains(reason) && e.getMessage().endsWith("delete the run folder to start over."),
                e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
        assertArrayEquals(metrics, read(out.resolve(RunRecord.METRICS)), "rows kept");
        assertArrayEquals(record, read(out.resolve(RunRecord.RUN)), "no session added");
    }

    @Test
    void aKillBeforeTheFirstCheckpointStillStartsOver() throws Exception {
        // eval and checkpoint at 10: the row at 10 is written just before the checkpoint, a kill between is normal
        Path out = dir.resolve("early");
        RunConfig config = TinyNets.config(out, 20).withCheckpointEvery(10);
        assertThrows(RuntimeException.class, () -> TrainingRun.of(config).withModelFactory(TinyNets::build)
                .withData(TinyNets.data()).withListener(new RunListener() {
                    @Override
                    public void evaluated(MetricRow row) {
                        throw new RuntimeException("killed after the first row");
                    }
                }).run());
        assertEquals(1, RunRecord.readMetrics(out).size());
        assertTrue(!Checkpoint.exists(out));
        RunResult result = TrainingRun.of(config).withModelFactory(TinyNets::build).withData(TinyNets.data()).run();
        assertEquals(List.of(10, 20), result.rows().stream().map(MetricRow::iteration).toList());
    }

    @Test
    void aCheckpointOfTheEarlierUnverifiedFormatStillResumesAndADamagedOneIsOneSentence() throws Exception {
        Path reference = reference();
        Path out = crashedAt30("legacy");
        byte[] at28 = read(Checkpoint.file(out, 28)); // the same bytes as the earlier single-file format
        Checkpoint.delete(out);
        Path legacy = out.resolve(Checkpoint.LEGACY_FILE);
        write(legacy, at28);
        List<Integer> startedAt = new ArrayList<>();
        tiny(out, new RunListener() {
            @Override
            public void started(RunConfig config, int start, int total) {
                startedAt.add(start);
            }
        }).run();
        assertEquals(List.of(28), startedAt);
        ResumeTest.assertSameRun(reference, out);
        assertTrue(!Files.exists(legacy), "replaced by verified checkpoints");

        Path broken = crashedAt30("legacy-truncated");
        byte[] bytes = read(Checkpoint.file(broken, 28));
        Checkpoint.delete(broken);
        Path brokenLegacy = broken.resolve(Checkpoint.LEGACY_FILE);
        write(brokenLegacy, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        RunFolderException.Damaged e = assertThrows(RunFolderException.Damaged.class, () -> tiny(broken, RunListener.NONE).run());
        assertEquals("Checkpoint " + brokenLegacy + " cannot be loaded into this network (the file ends early); delete "
                + "the run folder to start over.", e.getMessage());
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void write(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Flips {@code count} bytes spread over the second half of the file (parameters and velocities). */
    private static void flip(Path file, int count) {
        byte[] bytes = read(file);
        Random random = new Random(7);
        for (int i = 0; i < count; i++) {
            int at = bytes.length / 2 + random.nextInt(bytes.length / 2);
            bytes[at] ^= (byte) 0x5a;
        }
        write(file, bytes);
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new Random(3).nextBytes(bytes);
        return bytes;
    }
}
