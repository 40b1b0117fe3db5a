package org.resnetlab.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/** Safe unpacking of .tar.gz archives: nothing may land outside the target folder. */
public final class Archives {
    private Archives() {}

    /** Opens a .tar.gz (or plain .tar) archive for streaming through its entries. */
    public static TarArchiveInputStream openTar(Path archive) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(archive));
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        boolean gzip = b0 == 0x1f && b1 == 0x8b;
        return new TarArchiveInputStream(gzip ? new GzipCompressorInputStream(in) : in);
    }

    /**
     * Unpacks {@code archive} into {@code target}, which must not exist yet: everything goes to a temporary
     * sibling folder that is renamed into place only when complete, so an interrupted unpack never looks done.
     * Entries with absolute paths, {@code ..} segments, links or device files are refused.
     */
    public static void untar(Path archive, Path target) {
        Path parent = target.toAbsolutePath().getParent();
        Path staging;
        try {
            Files.createDirectories(parent);
            staging = Files.createTempDirectory(parent, target.getFileName() + ".unpacking-");
        } catch (IOException e) {
            throw new DataException("Cannot create a folder in " + parent + " (" + e.getMessage() + "); check its permissions.", e);
        }
        try (TarArchiveInputStream tar = openTar(archive)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path destination = safeDestination(archive, staging, entry);
                if (entry.isDirectory()) {
                    Files.createDirectories(destination);
                } else {
                    Files.createDirectories(destination.getParent());
                    Files.copy(tar, destination, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (DataException e) {
            deleteQuietly(staging);
            throw e;
        } catch (IOException e) {
            deleteQuietly(staging);
            throw new DataException("Archive " + archive + " is truncated or corrupt (" + reason(e)
                    + "); delete it and download it again.", e);
        }
    }

    /** What went wrong reading a file, for a message: never "null". */
    static String reason(IOException e) {
        if (e instanceof java.io.EOFException) {
            return "it ends early";
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private static Path safeDestination(Path archive, Path root, TarArchiveEntry entry) {
        String name = entry.getName();
        if (entry.isSymbolicLink() || entry.isLink() || entry.isCharacterDevice() || entry.isBlockDevice()
                || entry.isFIFO()) {
            throw unsafe(archive, name, "is a link or device");
        }
        if (name.startsWith("/") || name.startsWith("\\") || name.matches("^[A-Za-z]:.*")) {
            throw unsafe(archive, name, "has an absolute path");
        }
        for (String segment : name.split("[/\\\\]")) {
            if (segment.equals("..")) {
                throw unsafe(archive, name, "climbs out with '..'");
            }
        }
        Path destination = root.resolve(name).normalize();
        if (!destination.startsWith(root)) {
            throw unsafe(archive, name, "lands outside the target folder");
        }
        return destination;
    }

    private static DataException unsafe(Path archive, String entry, String why) {
        return new DataException("Archive " + archive + " was refused because its entry '" + entry + "' " + why
                + "; use the official archive.");
    }

    static void deleteQuietly(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: a leftover temporary folder is harmless and clearly named
                }
            });
        } catch (IOException ignored) {
            // same
        }
    }
}
