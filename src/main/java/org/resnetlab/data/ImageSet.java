package org.resnetlab.data;

import java.util.Arrays;

/**
 * Images as unsigned bytes in NCHW order with their integer labels: the compact form every loader returns
 * (CIFAR-10 training set: 150 MB as bytes, 600 MB as floats). {@link Normalization} turns them into floats.
 */
public record ImageSet(String name, byte[] pixels, int[] labels, int channels, int height, int width, int classes) {

    public ImageSet {
        long expected = (long) labels.length * channels * height * width;
        if (pixels.length != expected) {
            throw new IllegalArgumentException(name + ": " + pixels.length + " pixel bytes for " + labels.length
                    + " images of " + channels + "x" + height + "x" + width + " (expected " + expected + ")");
        }
        for (int label : labels) {
            if (label < 0 || label >= classes) {
                throw new IllegalArgumentException(name + ": label " + label + " outside 0.." + (classes - 1));
            }
        }
    }

    public int size() { return labels.length; }

    public int imageLength() { return channels * height * width; }

    /** The first {@code count} images (quick modes evaluate on a fixed slice of the test set). */
    public ImageSet head(int count) {
        if (count >= size()) {
            return this;
        }
        return new ImageSet(name, Arrays.copyOf(pixels, count * imageLength()), Arrays.copyOf(labels, count),
                channels, height, width, classes);
    }

    @Override
    public String toString() {
        return name + " (" + size() + " images " + channels + "x" + height + "x" + width + ", " + classes + " classes)";
    }
}
