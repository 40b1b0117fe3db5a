package org.resnetlab.train;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An exclusive OS lock on a run folder ({@code run.lock} in it, holding the owner's pid), held for the whole run.
 * A second process is refused; the OS drops the lock when its process dies, so a killed run never leaves a stale
 * lock behind. Within one JVM the lock is also kept in a set: POSIX locks belong to the process, and closing any
 * other descriptor of the lock file would silently release them, so a second run in this JVM never opens the file.
 */
public final class RunLock implements AutoCloseable {
    public static final String FILE = "run.lock";
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();
    /** Channels that must stay open: closing them would drop a lock this JVM holds through another channel. */
    private static final List<FileChannel> KEPT_OPEN = new ArrayList<>();

    private final Path key;
    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(Path key, FileChannel channel, FileLock lock) {
        this.key = key;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Creates {@code folder} if needed and locks it.
     *
     * @throws RunFolderException.Busy naming the folder and, when known, the pid of the process holding it
     */
    public static RunLock acquire(Path folder) throws IOException {
        Files.createDirectories(folder);
        Path key = folder.toRealPath();
        long self = ProcessHandle.current().pid();
        if (!HELD.add(key)) {
            throw busy(folder, "another training run in this process (pid " + self + ")");
        }
        boolean locked = false;
        try {
            FileChannel channel = FileChannel.open(key.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                // this JVM holds it under another name (a hard link): keep our descriptor, see the class comment
                synchronized (KEPT_OPEN) {
                    KEPT_OPEN.add(channel);
                }
                throw busy(folder, "another training run in this process (pid " + self + ")");
            }
            if (lock == null) {
                String pid = readPid(channel);
                channel.close();
                throw busy(folder, "another process" + (pid.isEmpty() ? "" : " (pid " + pid + ")"));
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((self + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            locked = true;
            return new RunLock(key, channel, lock);
        } finally {
            if (!locked) {
                HELD.remove(key);
            }
        }
    }

    private static String readPid(FileChannel channel) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate(32);
            channel.read(buffer, 0);
            String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).strip();
            return text.matches("[0-9]{1,19}") ? text : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static RunFolderException.Busy busy(Path folder, String who) {
        return new RunFolderException.Busy(folder, folder + " is in use by " + who
                + "; wait for that run to finish (or stop it) before starting another one there.");
    }

    @Override
    public void close() throws IOException {
        try (channel) {
            try {
                channel.truncate(0);
            } catch (IOException ignored) {
                // the pid is only a hint for the refusal message
            }
            lock.release();
        } finally {
            HELD.remove(key);
        }
    }
}
