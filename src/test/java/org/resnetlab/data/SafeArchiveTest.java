package org.resnetlab.data;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeArchiveTest {
    @TempDir
    Path dir;

    /** An archive with one harmless file, then one hostile entry of the given kind. */
    private Path crafted(String kind) throws IOException {
        Path archive = dir.resolve(kind + ".tar.gz");
        try (OutputStream out = Files.newOutputStream(archive);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(out))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            add(tar, new TarArchiveEntry("ok/fine.txt"), "fine");
            switch (kind) {
                case "dotdot" -> add(tar, new TarArchiveEntry("ok/../../escaped.txt"), "evil");
                case "absolute" -> add(tar, new TarArchiveEntry("/tmp/" + dir.getFileName() + "-abs.txt", true), "evil");
                case "symlink" -> {
                    TarArchiveEntry link = new TarArchiveEntry("ok/link", TarArchiveEntry.LF_SYMLINK);
                    link.setLinkName("../../");
                    tar.putArchiveEntry(link);
                    tar.closeArchiveEntry();
                }
                case "hardlink" -> {
                    TarArchiveEntry link = new TarArchiveEntry("ok/hard", TarArchiveEntry.LF_LINK);
                    link.setLinkName("/etc/passwd");
                    tar.putArchiveEntry(link);
                    tar.closeArchiveEntry();
                }
                default -> throw new IllegalArgumentException(kind);
            }
        }
        return archive;
    }

    private static void add(TarArchiveOutputStream tar, TarArchiveEntry entry, String text) throws IOException {
        byte[] bytes = text.getBytes();
        entry.setSize(bytes.length);
        tar.putArchiveEntry(entry);
        tar.write(bytes);
        tar.closeArchiveEntry();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dotdot", "absolute", "symlink", "hardlink"})
    void hostileEntriesAreRefusedAndNothingIsLeftBehind(String kind) throws IOException {
        Path archive = crafted(kind);
        Path target = dir.resolve("sub").resolve("target");
        DataException e = assertThrows(DataException.class, () -> Archives.untar(archive, target));
        assertTrue(e.getMessage().contains("refused") && e.getMessage().contains(archive.toString()), e.getMessage());
        assertFalse(Files.exists(target), "an incomplete unpack must not look complete");
        assertFalse(Files.exists(dir.resolve("escaped.txt")));
        assertFalse(Files.exists(Path.of("/tmp/" + dir.getFileName() + "-abs.txt")));
        try (Stream<Path> left = Files.list(dir.resolve("sub"))) {
            assertTrue(left.findAny().isEmpty(), "the staging folder is removed");
        }
    }

    @Test
    void plainHttpIsRefused() {
        DataException e = assertThrows(DataException.class,
                () -> Downloads.fetch(URI.create("http://example.org/x.tar.gz"), dir.resolve("x.tar.gz"), "00"));
        assertTrue(e.getMessage().contains("HTTPS"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("x.tar.gz")));
    }

    @Test
    void wrongChecksumLeavesNoFile() throws IOException {
        Path target = dir.resolve("d").resolve("file.bin");
        byte[] bytes = "some bytes".getBytes();
        DataException e = assertThrows(DataException.class, () -> Downloads.saveVerified(
                new ByteArrayInputStream(bytes), bytes.length, target, "0123456789abcdef0123456789abcdef", "test"));
        assertTrue(e.getMessage().contains(target.toString()) && e.getMessage().contains("MD5"), e.getMessage());
        try (Stream<Path> left = Files.list(target.getParent())) {
            assertTrue(left.findAny().isEmpty(), "neither the target nor the temporary file remains");
        }
        Downloads.saveVerified(new ByteArrayInputStream(bytes), bytes.length, target, HexMd5.of(bytes), "test");
        assertTrue(Files.isRegularFile(target));
    }

    @Test
    void cachedFileWithWrongChecksumIsReported() throws IOException {
        Path target = dir.resolve("cached.bin");
        Files.writeString(target, "partial");
        DataException e = assertThrows(DataException.class,
                () -> Downloads.fetch(URI.create("https://example.invalid/cached.bin"), target, "0123456789abcdef0123456789abcdef"));
        assertTrue(e.getMessage().contains(target.toString()) && e.getMessage().contains("delete"), e.getMessage());
    }

    static final class HexMd5 {
        static String of(byte[] bytes) {
            try {
                return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(bytes));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new AssertionError(e);
            }
        }
    }
}
