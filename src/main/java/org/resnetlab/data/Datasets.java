package org.resnetlab.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Datasets by the names the command line and the notebooks use. */
public final class Datasets {
    private Datasets() {}

    public static final List<String> NAMES = List.of("cifar10", "cifar100", "fashion-mnist", "synthetic");

    /** Images in the synthetic dataset's training and test splits. */
    public static final int SYNTHETIC_TRAIN = 2048;
    public static final int SYNTHETIC_TEST = 512;
    /** The synthetic data are the same for every run; the run's seed varies init, order and augmentation. */
    public static final long SYNTHETIC_SEED = 20160316L;

    /** What a network for a dataset must take and produce. */
    public record Shape(int classes, int channels, int size) {}

    public static Shape shape(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "cifar10", "cifar-10", "synthetic" -> new Shape(10, 3, 32);
            case "cifar100", "cifar-100" -> new Shape(100, 3, 32);
            case "fashion-mnist", "fashionmnist" -> new Shape(10, 1, 28);
            default -> throw new IllegalArgumentException("unknown dataset '" + name + "'; choose one of " + NAMES);
        };
    }

    /**
     * Loads a dataset by name. {@code dataDir} is the user's archive or folder (never downloaded into); when
     * null the cache ({@link #cacheDir()}) is used and filled by a verified download if needed.
     */
    public static DataSplits load(String name, Path dataDir) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "cifar10", "cifar-10":
                return dataDir == null ? Cifar.CIFAR10.loadOrDownload(cacheDir()) : Cifar.CIFAR10.load(dataDir);
            case "cifar100", "cifar-100":
                return dataDir == null ? Cifar.CIFAR100.loadOrDownload(cacheDir()) : Cifar.CIFAR100.load(dataDir);
            case "fashion-mnist", "fashionmnist":
                return dataDir == null ? FashionMnist.loadOrDownload(cacheDir()) : FashionMnist.load(dataDir);
            case "synthetic":
                return Synthetic.cifarLike(SYNTHETIC_TRAIN, SYNTHETIC_TEST, SYNTHETIC_SEED);
            default:
                throw new IllegalArgumentException("unknown dataset '" + name + "'; choose one of " + NAMES);
        }
    }

    /**
     * The download cache: {@code $RESNETLAB_DATA_DIR}, else {@code data/cache} of the project folder found by
     * walking up from the working directory (notebooks run in notebooks/), else {@code ./data/cache}.
     */
    public static Path cacheDir() {
        String fromEnvironment = System.getenv("RESNETLAB_DATA_DIR");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return Path.of(fromEnvironment);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("data"))) {
                return dir.resolve("data").resolve("cache");
            }
        }
        return Path.of("data", "cache");
    }
}
