package org.resnetlab.data;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * CIFAR-10 and CIFAR-100 in the official binary format: records of label byte(s) followed by 3072 pixel bytes
 * (1024 red, 1024 green, 1024 blue, row-major), i.e. already CHW. CIFAR-100 records carry a coarse and a fine
 * label; the fine one (100 classes) is used.
 */
public enum Cifar {
    CIFAR10("CIFAR-10", "cifar-10-binary.tar.gz", "c32a1d4ab5d03f1284b67883e8d87530", "cifar-10-batches-bin",
            List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin"),
            List.of("test_batch.bin"), 1, 10),
    CIFAR100("CIFAR-100", "cifar-100-binary.tar.gz", "03b5dce01913d631647c71ecec9e9cb8", "cifar-100-binary",
            List.of("train.bin"), List.of("test.bin"), 2, 100);

    public static final int CHANNELS = 3;
    public static final int SIZE = 32;
    public static final int IMAGE_BYTES = CHANNELS * SIZE * SIZE;
    private static final String BASE_URL = "https://www.cs.toronto.edu/~kriz/";

    public final String title;
    public final String archiveName;
    public final String md5;
    public final String folderName;
    public final List<String> trainFiles;
    public final List<String> testFiles;
    public final int labelBytes;
    public final int classes;

    Cifar(String title, String archiveName, String md5, String folderName, List<String> trainFiles,
          List<String> testFiles, int labelBytes, int classes) {
        this.title = title;
        this.archiveName = archiveName;
        this.md5 = md5;
        this.folderName = folderName;
        this.trainFiles = trainFiles;
        this.testFiles = testFiles;
        this.labelBytes = labelBytes;
        this.classes = classes;
    }

    public int recordBytes() { return labelBytes + IMAGE_BYTES; }

    public URI url() { return URI.create(BASE_URL + archiveName); }

    private Cifar other() { return this == CIFAR10 ? CIFAR100 : CIFAR10; }

    /**
     * Loads from what the user has: the official archive, the folder it unpacks to, or a folder containing
     * either. Never downloads: a wrong path is an error.
     */
    public DataSplits load(Path source) {
        if (Files.isRegularFile(source)) {
            return loadArchive(source);
        }
        Path folder = findFolder(source);
        if (folder != null) {
            return loadFolder(folder);
        }
        Path archive = source.resolve(archiveName);
        if (Files.isRegularFile(archive)) {
            return unpackIntoCache(archive, source, md5, false);
        }
        wrongDatasetCheck(source);
        throw new DataException("No " + title + " data at " + source + "; pass the " + archiveName
                + " file or the folder holding it, or leave the data folder out to download it into the cache.");
    }

    /** Loads from the cache folder, downloading (HTTPS, MD5-checked) and unpacking the archive there first if needed. */
    public DataSplits loadOrDownload(Path cache) {
        return loadFromCache(cache, md5);
    }

    /** {@link #loadOrDownload} with the archive's expected MD5 as a parameter (tests use small archives). */
    DataSplits loadFromCache(Path cache, String expectedMd5) {
        Path unpacked = cache.resolve("unpacked-" + name().toLowerCase());
        if (Files.isDirectory(unpacked) && findFolder(unpacked) != null) {
            return loadFolder(findFolder(unpacked)); // only ever created from a verified archive, atomically
        }
        Path folder = findFolder(cache);
        if (folder != null) {
            return loadFolder(folder);
        }
        Path archive = cache.resolve(archiveName);
        if (!Files.isRegularFile(archive)) {
            Downloads.fetch(url(), archive, expectedMd5); // the cache may hold the other CIFAR too: no wrong-dataset check

        }
        return unpackIntoCache(archive, cache, expectedMd5, true);
    }

    /**
     * Verifies and unpacks {@code archive} next to it. {@code cache}: the folder is the download cache, so a bad
     * archive is deleted-and-downloaded-again; otherwise it is the user's, and nothing is ever downloaded there.
     */
    private DataSplits unpackIntoCache(Path archive, Path folder, String expectedMd5, boolean cache) {
        String actual = Downloads.md5(archive);
        if (!actual.equalsIgnoreCase(expectedMd5)) {
            throw new DataException("Archive " + archive + " has MD5 " + actual + " instead of the published " + expectedMd5
                    + (cache ? "; delete it so it is downloaded again."
                            : ", so it is not the official " + archiveName + "; replace it with the official file."));
        }
        Path unpacked = folder.resolve("unpacked-" + name().toLowerCase());
        if (!Files.isDirectory(unpacked)) {
            Archives.untar(archive, unpacked);
        }
        Path found = findFolder(unpacked);
        if (found == null) {
            throw new DataException("Archive " + archive + " does not contain " + folderName + "; "
                    + (cache ? "delete it and " + unpacked + " so they are downloaded again."
                            : "delete " + unpacked + " and replace the archive with the official " + archiveName + "."));
        }
        return loadFolder(found);
    }

    /** The folder holding the batch files: {@code dir} itself or {@code dir/<official folder name>}. */
    private Path findFolder(Path dir) {
        for (Path candidate : List.of(dir.resolve(folderName), dir)) {
            if (Files.isRegularFile(candidate.resolve(testFiles.get(0)))) {
                return candidate;
            }
        }
        return null;
    }

    private void wrongDatasetCheck(Path dir) {
        Cifar other = other();
        if (other.findFolder(dir) != null || Files.isRegularFile(dir.resolve(other.archiveName))) {
            throw new DataException(dir + " holds " + other.title + ", not " + title + "; pass the folder that holds "
                    + archiveName + " or " + folderName + ".");
        }
    }

    /** Reads the official batch files from an unpacked folder. */
    public DataSplits loadFolder(Path folder) {
        wrongDatasetCheck(folder);
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String name : allFiles()) {
            Path file = folder.resolve(name);
            if (!Files.isRegularFile(file)) {
                throw new DataException(title + " file " + file + " is missing; unpack the complete official "
                        + archiveName + " there or pass its path.");
            }
            try {
                long size = Files.size(file);
                if (size > maxBytes(name)) {
                    throw new DataException(title + " file " + file + " holds " + size + " bytes, more than the "
                            + maxBytes(name) + " of the official file; replace it with the file from the official "
                            + archiveName + ".");
                }
                files.put(name, Files.readAllBytes(file));
            } catch (IOException e) {
                throw new DataException("Cannot read " + file + " (" + e.getMessage() + "); check its permissions.", e);
            }
        }
        return decode(files, folder);
    }

    /** Reads the batch files straight out of the official archive, without unpacking it to disk. */
    public DataSplits loadArchive(Path archive) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        List<String> wanted = allFiles();
        boolean otherDataset = false;
        try (TarArchiveInputStream tar = Archives.openTar(archive)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                String name = entry.getName();
                String base = name.substring(name.lastIndexOf('/') + 1);
                if (entry.isFile() && wanted.contains(base) && name.contains(folderName + "/")) {
                    long max = maxBytes(base);
                    if (entry.getSize() > max) {
                        throw new DataException("Archive " + archive + " was refused because its member " + name
                                + " claims " + entry.getSize() + " bytes, more than the " + max + " of the official file; "
                                + "use the official " + archiveName + ".");
                    }
                    files.put(base, tar.readNBytes((int) max));
                } else if (name.contains(other().folderName)) {
                    otherDataset = true;
                }
            }
        } catch (IOException e) {
            throw new DataException("Archive " + archive + " is truncated or corrupt (" + Archives.reason(e)
                    + "); replace it with the official " + archiveName + ".", e);
        }
        if (files.isEmpty() && otherDataset) {
            throw new DataException("Archive " + archive + " holds " + other().title + ", not " + title + "; pass "
                    + archiveName + " instead.");
        }
        for (String name : wanted) {
            if (!files.containsKey(name)) {
                throw new DataException("Archive " + archive + " lacks " + folderName + "/" + name + "; pass the official "
                        + archiveName + ".");
            }
        }
        return decode(files, archive);
    }

    /**
     * The size of an official batch file (10,000 records each, CIFAR-100's train.bin 50,000): the cap on what a
     * file or an archive member may claim, checked before anything is allocated.
     */
    long maxBytes(String file) {
        int records = this == CIFAR100 && trainFiles.contains(file) ? 50_000 : 10_000;
        return (long) records * recordBytes();
    }

    private List<String> allFiles() {
        List<String> all = new ArrayList<>(trainFiles);
        all.addAll(testFiles);
        return all;
    }

    private DataSplits decode(Map<String, byte[]> files, Path origin) {
        return new DataSplits(decode(trainFiles, files, origin, title + " train"),
                decode(testFiles, files, origin, title + " test"));
    }

    private ImageSet decode(List<String> names, Map<String, byte[]> files, Path origin, String setName) {
        int total = 0;
        for (String name : names) {
            byte[] bytes = files.get(name);
            String where = origin.resolve(name).toString();
            if (bytes.length == 0 || bytes.length % recordBytes() != 0) {
                throw new DataException(title + " file " + where + " is truncated or not in the " + title
                        + " binary format (" + bytes.length + " bytes is not a multiple of the " + recordBytes()
                        + "-byte record); replace it with the file from the official " + archiveName + ".");
            }
            total += bytes.length / recordBytes();
        }
        byte[] pixels = new byte[total * IMAGE_BYTES];
        int[] labels = new int[total];
        int index = 0;
        for (String name : names) {
            byte[] bytes = files.get(name);
            for (int offset = 0; offset < bytes.length; offset += recordBytes(), index++) {
                if (labelBytes == 2 && (bytes[offset] & 0xff) >= 20) {
                    throw corruptLabel(origin.resolve(name), offset / recordBytes(), bytes[offset] & 0xff);
                }
                int label = bytes[offset + labelBytes - 1] & 0xff;
                if (label >= classes) {
                    throw corruptLabel(origin.resolve(name), offset / recordBytes(), label);
                }
                labels[index] = label;
                System.arraycopy(bytes, offset + labelBytes, pixels, index * IMAGE_BYTES, IMAGE_BYTES);
            }
        }
        return new ImageSet(setName, pixels, labels, CHANNELS, SIZE, SIZE, classes);
    }

    private DataException corruptLabel(Path file, int record, int label) {
        return new DataException(title + " file " + file + " is corrupt or of another dataset (record " + record
                + " has label " + label + "); replace it with the file from the official " + archiveName + ".");
    }
}
