package org.resnetlab.data;

import java.util.SplittableRandom;

/**
 * A seeded, learnable image dataset for fast tests: each class is a random smooth pattern (a few oriented
 * gratings per channel); every image is its class pattern at a random contrast plus pixel noise.
 */
public final class Synthetic {
    private Synthetic() {}

    public static DataSplits create(int classes, int trainCount, int testCount, int channels, int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] patterns = new float[classes][];
        for (int c = 0; c < classes; c++) {
            patterns[c] = pattern(random, channels, size);
        }
        ImageSet train = sample("synthetic train", patterns, trainCount, channels, size, random.split());
        ImageSet test = sample("synthetic test", patterns, testCount, channels, size, random.split());
        return new DataSplits(train, test);
    }

    /** 10 classes of 3×32×32 images (CIFAR's shape). */
    public static DataSplits cifarLike(int trainCount, int testCount, long seed) {
        return create(10, trainCount, testCount, 3, 32, seed);
    }

    private static float[] pattern(SplittableRandom random, int channels, int size) {
        float[] pattern = new float[channels * size * size];
        for (int ch = 0; ch < channels; ch++) {
            for (int wave = 0; wave < 3; wave++) {
                double fx = random.nextDouble(-3, 3) * 2 * Math.PI / size;
                double fy = random.nextDouble(-3, 3) * 2 * Math.PI / size;
                double phase = random.nextDouble(2 * Math.PI);
                for (int y = 0; y < size; y++) {
                    for (int x = 0; x < size; x++) {
                        pattern[(ch * size + y) * size + x] += (float) Math.sin(fx * x + fy * y + phase) / 3;
                    }
                }
            }
        }
        return pattern;
    }

    private static ImageSet sample(String name, float[][] patterns, int count, int channels, int size,
                                   SplittableRandom random) {
        int length = channels * size * size;
        byte[] pixels = new byte[count * length];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            int label = random.nextInt(patterns.length);
            labels[i] = label;
            double contrast = random.nextDouble(40, 90);
            for (int p = 0; p < length; p++) {
                double value = 128 + contrast * patterns[label][p] + 40 * gaussian(random);
                pixels[i * length + p] = (byte) Math.max(0, Math.min(255, Math.round(value)));
            }
        }
        return new ImageSet(name, pixels, labels, channels, size, size, patterns.length);
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller: SplittableRandom has no nextGaussian before Java 17's RandomGenerator default, kept explicit
        double u = random.nextDouble(Double.MIN_VALUE, 1);
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
