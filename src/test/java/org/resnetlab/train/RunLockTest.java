package org.resnetlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run folder belongs to one run at a time: other processes and other runs in this JVM are refused. */
class RunLockTest {
    @TempDir
    Path dir;

    private static TrainingRun tiny(Path out, int iterations) {
        return TrainingRun.of(TinyNets.config(out, iterations)).withModelFactory(TinyNets::build).withData(TinyNets.data());
    }

    @Test
    void aSecondRunInThisJvmIsRefusedWhileTheFirstTrains() throws Exception {
        Path out = dir.resolve("run");
        List<RuntimeException> refusals = new ArrayList<>();
        // the second attempts come from inside the first run (its listener), as a second notebook cell would while
        // the first still trains; training stays on this thread (PyTorch's grad mode is per thread)
        RunResult result = tiny(out, 20).withListener(new RunListener() {
            @Override
            public void started(RunConfig config, int start, int total) {
                refusals.add(assertThrows(RunFolderException.Busy.class, () -> tiny(out, 20).run()));
                // a different seed must not slip in either (the lock comes before the identity check)
                refusals.add(assertThrows(RunFolderException.Busy.class, () -> TrainingRun.of(TinyNets.config(out, 20)
                        .withSeed(4)).withModelFactory(TinyNets::build).withData(TinyNets.data()).run()));
            }
        }).run();
        assertEquals(2, refusals.size());
        for (RuntimeException busy : refusals) {
            assertEquals(out + " is in use by another training run in this process (pid " + ProcessHandle.current().pid()
                    + "); wait for that run to finish (or stop it) before starting another one there.", busy.getMessage());
        }
        assertFalse(result.alreadyComplete());
        assertEquals(2, result.rows().size(), "the first run was not disturbed");
        RunLock.acquire(out).close(); // released when the run ended
        try (RunLock other = RunLock.acquire(out)) {
            assertTrue(tiny(out, 20).run().alreadyComplete(), "a finished run is read without the lock");
        }
    }

    @Test
    void anotherNameForTheSameLockFileIsRefusedWithoutReleasingTheHeldLock() throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        try (RunLock held = RunLock.acquire(a)) {
            Files.createDirectories(b);
            Files.createLink(b.resolve(RunLock.FILE), a.resolve(RunLock.FILE));
            // the same file under another folder: the JVM's own lock table throws OverlappingFileLockException
            RunFolderException.Busy busy = assertThrows(RunFolderException.Busy.class, () -> RunLock.acquire(b));
            assertTrue(busy.getMessage().contains(b.toString()), busy.getMessage());
            assertTrue(probe(a).startsWith("busy: " + a + " is in use by another process (pid "
                    + ProcessHandle.current().pid() + ")"), "still held against other processes");
        }
        assertEquals("locked", probe(a));
    }

    @Test
    void aSecondProcessIsRefusedAndAKilledOwnerLeavesNoStaleLock() throws Exception {
        Path out = dir.resolve("shared");
        Process child = child(ResumeChild.class, out.toString(), "50", "150");
        List<String> seen = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
            String line;
            while ((line = lines.readLine()) != null) {
                seen.add(line);
                if (line.startsWith("started")) {
                    break;
                }
            }
            assertEquals(List.of("started 0"), seen);
            RunFolderException.Busy busy = assertThrows(RunFolderException.Busy.class, () -> tiny(out, 50).run());
            assertEquals(out + " is in use by another process (pid " + child.pid() + "); wait for that run to finish "
                    + "(or stop it) before starting another one there.", busy.getMessage());
            child.destroyForcibly(); // SIGKILL: no finally block releases anything, the OS does
        }
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        assertEquals(137, child.exitValue());
        RunResult resumed = tiny(out, 50).run();
        assertEquals(50, resumed.outcome().iteration());
        assertEquals("locked", probe(out));
    }

    private String probe(Path folder) throws IOException, InterruptedException {
        Process p = child(LockProbe.class, folder.toString());
        String output = new String(p.getInputStream().readAllBytes()).strip();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return output;
    }

    private Process child(Class<?> main, String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "-Dai.djl.offline=true", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"));
        String engine = System.getProperty("ai.djl.default_engine");
        if (engine != null) {
            command.add("-Dai.djl.default_engine=" + engine);
        }
        command.add(main.getName());
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }
}
