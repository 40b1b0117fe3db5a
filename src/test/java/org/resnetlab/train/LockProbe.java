package org.resnetlab.train;

import java.nio.file.Path;

/** Child JVM for the lock tests: tries to lock the folder in args[0] and prints "locked" or "busy: message". */
public final class LockProbe {
    public static void main(String[] args) throws Exception {
        try (RunLock lock = RunLock.acquire(Path.of(args[0]))) {
            System.out.println("locked");
        } catch (RunFolderException.Busy e) {
            System.out.println("busy: " + e.getMessage());
        }
    }
}
