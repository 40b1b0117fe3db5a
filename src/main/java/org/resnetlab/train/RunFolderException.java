package org.resnetlab.train;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A run folder that cannot be used as asked. The message is one sentence naming the folder or file and what to
 * do; the command line turns each kind into its own exit code (README, "Command line").
 */
public class RunFolderException extends RuntimeException {
    private final Path path;

    RunFolderException(Path path, String message, Throwable cause) {
        super(message, cause);
        this.path = path;
    }

    /** The folder or file the message names. */
    public Path path() {
        return path;
    }

    /** Another process, or another run in this JVM, holds the folder's lock. */
    public static final class Busy extends RunFolderException {
        Busy(Path folder, String message) {
            super(folder, message, null);
        }
    }

    /** A file of the run (run.json, metrics.csv, a checkpoint) is unreadable as what it should be. */
    public static final class Damaged extends RunFolderException {
        public Damaged(Path file, String message, Throwable cause) {
            super(file, message, cause);
        }
    }

    /** The file system refused a read or write in the folder (permissions, not a folder, disk full). */
    public static final class Io extends RunFolderException {
        Io(Path path, String message, Throwable cause) {
            super(path, message, cause);
        }
    }

    /** One sentence for a failed read or write in the run folder {@code folder}: what failed, where, what to do. */
    public static Io io(Path folder, IOException e) {
        String file = e instanceof FileSystemException fs && fs.getFile() != null ? fs.getFile() : folder.toString();
        String reason = e instanceof FileSystemException fs ? fs.getReason() : e.getMessage();
        String lower = reason == null ? "" : reason.toLowerCase(Locale.ROOT);
        Path path = Path.of(file);
        String message;
        if (lower.contains("no space left") || lower.contains("disk quota")) {
            message = "The disk holding " + folder + " is full (" + reason + " while writing " + file + "); free some "
                    + "space and run the same command again: it resumes from the last complete checkpoint.";
        } else if (e instanceof FileAlreadyExistsException && Files.isRegularFile(path)) {
            message = file + " is a file, not a folder; choose a folder for the run (it is created if missing).";
        } else if (e instanceof NotDirectoryException || lower.contains("not a directory")) {
            message = "Cannot create " + file + " because a part of that path is a file, not a folder; choose a folder "
                    + "for the run.";
        } else if (e instanceof AccessDeniedException || lower.contains("permission denied")
                || lower.contains("operation not permitted")) {
            message = "No permission to write " + file + "; choose a run folder you may write to, or fix its permissions.";
        } else if (lower.contains("read-only file system")) {
            message = file + " is on a read-only file system; choose a run folder on a writable disk.";
        } else if (e instanceof NoSuchFileException) {
            message = "Cannot create " + file + " (that location does not accept new files or folders); choose a run "
                    + "folder on a normal disk.";
        } else {
            message = "Cannot read or write " + file + " (" + (reason == null ? e.getClass().getSimpleName() : reason)
                    + "); check the run folder " + folder + " and its disk.";
        }
        return new Io(path, message, e);
    }
}
