package org.resnetlab.train;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.resnetlab.data.DataSplits;
import org.resnetlab.data.Datasets;
import org.resnetlab.data.HostBatch;
import org.resnetlab.data.ImageSet;
import org.resnetlab.data.Normalization;
import org.resnetlab.data.TrainingBatches;

/**
 * The test images of a run as the run saw them: its dataset's test set (the first {@code testLimit} images) and the
 * standardisation computed from its training set. For probing a run's networks on the data they were trained for.
 */
public record RunData(ImageSet test, Normalization normalization) {

    /** Loads the run's dataset (from the cache or the run's data folder; never downloads anything new for synthetic). */
    public static RunData of(RunConfig config) {
        DataSplits splits = Datasets.load(config.dataset(), config.dataDir());
        ImageSet test = config.testLimit() > 0 ? splits.test().head(config.testLimit()) : splits.test();
        return new RunData(test, Normalization.of(splits.train()));
    }

    /** The first {@code count} test images, standardised, and their labels, owned by {@code manager}. */
    public NDList batch(NDManager manager, int count) {
        HostBatch host = TrainingBatches.slice(test, normalization, 0, count);
        return new NDList(manager.create(host.images(), new Shape(host.size(), host.channels(), host.height(), host.width())),
                manager.create(host.labels(), new Shape(host.size())));
    }
}
