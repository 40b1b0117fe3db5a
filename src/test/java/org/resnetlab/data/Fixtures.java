package org.resnetlab.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** Small files in the exact official formats, written by the tests themselves. */
final class Fixtures {
    private Fixtures() {}

    /** Pixel value of image {@code record} of a file at byte {@code p}: distinct per file, record and position. */
    static byte pixel(int fileIndex, int record, int p) {
        return (byte) (fileIndex * 31 + record * 7 + p);
    }

    /** One CIFAR batch file: records of label byte(s) then 3072 pixel bytes; labels are record % classes. */
    static byte[] cifarBatch(Cifar which, int fileIndex, int records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int r = 0; r < records; r++) {
            int label = (r + fileIndex) % which.classes;
            if (which.labelBytes == 2) {
                out.write(label / 5); // coarse label 0..19
            }
            out.write(label);
            for (int p = 0; p < Cifar.IMAGE_BYTES; p++) {
                out.write(pixel(fileIndex, r, p));
            }
        }
        return out.toByteArray();
    }

    /** All files of an official archive (names with the official folder), {@code records} images each. */
    static Map<String, byte[]> cifarFiles(Cifar which, int records) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        int index = 0;
        for (String name : which.trainFiles) {
            files.put(which.folderName + "/" + name, cifarBatch(which, index++, records));
        }
        for (String name : which.testFiles) {
            files.put(which.folderName + "/" + name, cifarBatch(which, index++, records));
        }
        files.put(which.folderName + "/readme.html", "<html/>".getBytes());
        return files;
    }

    static Path tarGz(Path archive, Map<String, byte[]> files) throws IOException {
        try (OutputStream out = Files.newOutputStream(archive);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(out))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(file.getKey());
                entry.setSize(file.getValue().length);
                tar.putArchiveEntry(entry);
                tar.write(file.getValue());
                tar.closeArchiveEntry();
            }
        }
        return archive;
    }

    static void writeFolder(Path root, Map<String, byte[]> files) throws IOException {
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Path path = root.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.write(path, file.getValue());
        }
    }

    static byte[] idxImages(int count, int size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeInt(out, FashionMnist.IMAGES_MAGIC);
        writeInt(out, count);
        writeInt(out, size);
        writeInt(out, size);
        for (int i = 0; i < count * size * size; i++) {
            out.write(i % 251);
        }
        return out.toByteArray();
    }

    static byte[] idxLabels(int count) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeInt(out, FashionMnist.LABELS_MAGIC);
        writeInt(out, count);
        for (int i = 0; i < count; i++) {
            out.write(i % 10);
        }
        return out.toByteArray();
    }

    static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GzipCompressorOutputStream gz = new GzipCompressorOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    private static void writeInt(ByteArrayOutputStream out, int value) {
        out.write(value >>> 24);
        out.write(value >>> 16);
        out.write(value >>> 8);
        out.write(value);
    }
}
