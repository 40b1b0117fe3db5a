package org.resnetlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The I/O failures that cannot be staged in a test as any user (full disk, permissions as root) get their sentence too. */
class RunFolderExceptionTest {
    private static final Path OUT = Path.of("/data/results/x");

    @Test
    void eachFileSystemRefusalIsOneSentenceNamingTheFile() {
        assertEquals("The disk holding /data/results/x is full (No space left on device while writing "
                        + "/data/results/x/checkpoint/state-00000010.bin.123.tmp); free some space and run the same command "
                        + "again: it resumes from the last complete checkpoint.",
                RunFolderException.io(OUT, new FileSystemException("/data/results/x/checkpoint/state-00000010.bin.123.tmp",
                        null, "No space left on device")).getMessage());
        // FileChannel.write reports a full disk as a plain IOException
        assertEquals("The disk holding /data/results/x is full (No space left on device while writing /data/results/x); "
                        + "free some space and run the same command again: it resumes from the last complete checkpoint.",
                RunFolderException.io(OUT, new IOException("No space left on device")).getMessage());
        assertEquals("No permission to write /data/results/x; choose a run folder you may write to, or fix its permissions.",
                RunFolderException.io(OUT, new AccessDeniedException("/data/results/x")).getMessage());
        assertEquals("/data/results/x/run.json is on a read-only file system; choose a run folder on a writable disk.",
                RunFolderException.io(OUT, new FileSystemException("/data/results/x/run.json", null,
                        "Read-only file system")).getMessage());
        assertEquals("Cannot read or write /data/results/x (Input/output error); check the run folder /data/results/x "
                + "and its disk.", RunFolderException.io(OUT, new IOException("Input/output error")).getMessage());
    }
}
