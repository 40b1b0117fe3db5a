package org.resnetlab.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** Fashion-MNIST from its IDX files (gzip-compressed or raw): 28×28 grey images, 10 classes. */
public final class FashionMnist {
    private FashionMnist() {}

    /** Where Debian's {@code dataset-fashion-mnist} package installs the files. */
    public static final Path DEBIAN_FOLDER = Path.of("/usr/share/datasets/fashion-mnist");
    public static final int SIZE = 28;
    public static final int CLASSES = 10;
    static final int IMAGES_MAGIC = 0x00000803;
    static final int LABELS_MAGIC = 0x00000801;
    /** Images in the official splits: a header claiming more is refused before anything is allocated. */
    public static final int TRAIN_IMAGES = 60_000;
    public static final int TEST_IMAGES = 10_000;
    private static final String BASE_URL = "https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/master/data/fashion/";
    /** Published MD5s of the official .gz files (zalandoresearch/fashion-mnist README). */
    private static final List<String[]> FILES = List.of(
            new String[] {"train-images-idx3-ubyte", "8d4fb7e6c68d591d4c3dfef9ec88bf0d"},
            new String[] {"train-labels-idx1-ubyte", "25c81989df183df01b3e8a0aad5dffbe"},
            new String[] {"t10k-images-idx3-ubyte", "bef4ecab320f06d8554ea6380940ec79"},
            new String[] {"t10k-labels-idx1-ubyte", "bb300cfdad3c16e7a12a480ee83cd310"});

    /** True when a folder holds the four IDX files (raw or .gz). */
    public static boolean isPresent(Path folder) {
        return FILES.stream().allMatch(f -> find(folder, f[0]) != null);
    }

    /** Loads the four IDX files from {@code folder}; a missing or malformed file is an error naming it. */
    public static DataSplits load(Path folder) {
        ImageSet train = read(folder, "train", "Fashion-MNIST train", TRAIN_IMAGES);
        ImageSet test = read(folder, "t10k", "Fashion-MNIST test", TEST_IMAGES);
        return new DataSplits(train, test);
    }

    /** The given folder, else Debian's package folder, else a download (HTTPS, MD5-checked) into {@code cache}. */
    public static DataSplits loadOrDownload(Path cache) {
        if (isPresent(cache)) {
            return load(cache);
        }
        if (isPresent(DEBIAN_FOLDER)) {
            return load(DEBIAN_FOLDER);
        }
        Path folder = cache.resolve("fashion-mnist");
        for (String[] file : FILES) {
            Downloads.fetch(URI.create(BASE_URL + file[0] + ".gz"), folder.resolve(file[0] + ".gz"), file[1]);
        }
        return load(folder);
    }

    private static Path find(Path folder, String base) {
        for (Path candidate : List.of(folder.resolve(base + ".gz"), folder.resolve(base),
                folder.resolve(base.replace("-idx", ".idx")))) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static ImageSet read(Path folder, String prefix, String name, int maxCount) {
        Path imagesFile = require(folder, prefix + "-images-idx3-ubyte");
        Path labelsFile = require(folder, prefix + "-labels-idx1-ubyte");
        int[] labels;
        try (DataInputStream in = open(labelsFile)) {
            checkMagic(in.readInt(), LABELS_MAGIC, labelsFile, "labels");
            labels = new int[checkCount(in.readInt(), maxCount, labelsFile, "labels", name)];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = in.readUnsignedByte();
                if (labels[i] >= CLASSES) {
                    throw new DataException("Fashion-MNIST label file " + labelsFile + " is corrupt (label " + labels[i]
                            + " at " + i + "); replace it with the official file.");
                }
            }
        } catch (IOException e) {
            throw truncated(labelsFile, e);
        }
        byte[] pixels;
        try (DataInputStream in = open(imagesFile)) {
            checkMagic(in.readInt(), IMAGES_MAGIC, imagesFile, "images");
            int count = checkCount(in.readInt(), maxCount, imagesFile, "images", name);
            int rows = in.readInt();
            int cols = in.readInt();
            if (rows != SIZE || cols != SIZE || count != labels.length) {
                throw new DataException("Fashion-MNIST image file " + imagesFile + " holds " + count + " images of "
                        + rows + "x" + cols + " for " + labels.length + " labels in " + labelsFile
                        + "; use matching official files.");
            }
            pixels = new byte[count * SIZE * SIZE];
            in.readFully(pixels);
            if (in.read() != -1) {
                throw new DataException("Fashion-MNIST image file " + imagesFile
                        + " is longer than its header says; replace it with the official file.");
            }
        } catch (IOException e) {
            throw truncated(imagesFile, e);
        }
        return new ImageSet(name, pixels, labels, 1, SIZE, SIZE, CLASSES);
    }

    private static Path require(Path folder, String base) {
        Path file = find(folder, base);
        if (file == null) {
            throw new DataException("Fashion-MNIST file " + folder.resolve(base + ".gz") + " is missing; install "
                    + "Debian's dataset-fashion-mnist package or pass a folder holding the four IDX files.");
        }
        return file;
    }

    private static DataInputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.mark(2);
        boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
        in.reset();
        return new DataInputStream(gzip ? new BufferedInputStream(new GZIPInputStream(in), 1 << 16) : in);
    }

    /** A header's item count, refused unless it lies within the official split's size. */
    private static int checkCount(int count, int max, Path file, String kind, String split) {
        if (count < 0 || count > max) {
            throw new DataException("Fashion-MNIST " + kind + " file " + file + " claims " + Integer.toUnsignedString(count)
                    + " " + kind + " in its header, outside 0.." + max + " of the official " + split + " set; replace it "
                    + "with the official file.");
        }
        return count;
    }

    private static void checkMagic(int actual, int expected, Path file, String kind) {
        if (actual != expected) {
            throw new DataException(String.format("Fashion-MNIST %s file %s starts with 0x%08x instead of the IDX magic"
                    + " number 0x%08x; pass the official %s file.", kind, file, actual, expected, kind));
        }
    }

    private static DataException truncated(Path file, IOException e) {
        String why = e instanceof EOFException ? "ends early" : "cannot be read (" + Archives.reason(e) + ")";
        return new DataException("Fashion-MNIST file " + file + " " + why + "; replace it with the official file.", e);
    }
}
