package org.resnetlab.data;

/** A training set and the test set it is evaluated on. */
public record DataSplits(ImageSet train, ImageSet test) {
    public DataSplits {
        if (train.channels() != test.channels() || train.height() != test.height() || train.width() != test.width()
                || train.classes() != test.classes()) {
            throw new IllegalArgumentException("training set " + train + " and test set " + test + " differ in shape");
        }
    }
}
