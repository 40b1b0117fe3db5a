package org.resnetlab.data;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.SplittableRandom;

/**
 * The training stream as a pure function of (seed, iteration): the images are consecutive epochs, each a seeded
 * permutation of the training set, cut into batches; each batch's augmentation comes from a generator seeded
 * by (seed, iteration). So a resumed run needs no saved RNG state to see exactly the batches an uninterrupted
 * run would. Batches are prepared ahead on a background thread.
 */
public final class TrainingBatches implements AutoCloseable {
    private static final long ORDER_STREAM = 0x6f72646572L;
    private static final long AUGMENT_STREAM = 0x6175676dL;

    private final ImageSet set;
    private final Normalization normalization;
    private final Augmentation augmentation;
    private final int batchSize;
    private final long seed;
    private final int endIteration;
    private int cachedEpoch = -1;
    private int[] cachedOrder;

    private final BlockingQueue<Object> ready = new ArrayBlockingQueue<>(3);
    private Thread producer;
    private int nextIteration;

    public TrainingBatches(ImageSet set, Normalization normalization, Augmentation augmentation, int batchSize,
                           long seed, int startIteration, int endIteration) {
        if (batchSize > set.size()) {
            throw new IllegalArgumentException("batch size " + batchSize + " exceeds the " + set.size() + " images of " + set);
        }
        this.set = set;
        this.normalization = normalization;
        this.augmentation = augmentation;
        this.batchSize = batchSize;
        this.seed = seed;
        this.nextIteration = startIteration;
        this.endIteration = endIteration;
    }

    /** Epochs completed after {@code iterations} updates (fractional). */
    public static double epoch(int iterations, int batchSize, int setSize) {
        return (double) iterations * batchSize / setSize;
    }

    /** Index into the training set of the image at position {@code position} of the endless stream. */
    public synchronized int imageAt(long position) {
        int epoch = (int) (position / set.size());
        if (epoch != cachedEpoch) {
            cachedOrder = permutation(set.size(), mix(seed ^ ORDER_STREAM, epoch));
            cachedEpoch = epoch;
        }
        return cachedOrder[(int) (position % set.size())];
    }

    /** The batch for one iteration, computed on the calling thread. */
    public HostBatch prepare(int iteration) {
        int length = set.imageLength();
        float[] images = new float[batchSize * length];
        float[] labels = new float[batchSize];
        float[] scratch = new float[length];
        SplittableRandom random = new SplittableRandom(mix(seed ^ AUGMENT_STREAM, iteration));
        for (int i = 0; i < batchSize; i++) {
            int image = imageAt((long) iteration * batchSize + i);
            labels[i] = set.labels()[image];
            if (augmentation.pad() == 0 && !augmentation.flip()) {
                normalization.apply(set, image, images, i * length);
            } else {
                normalization.apply(set, image, scratch, 0);
                Augmentation.apply(augmentation.draw(random), augmentation.pad(), scratch, 0, images, i * length,
                        set.channels(), set.height(), set.width());
            }
        }
        return new HostBatch(iteration, images, labels, batchSize, set.channels(), set.height(), set.width());
    }

    /** The next batch in order, prepared ahead by the background thread. */
    public HostBatch next() {
        if (nextIteration >= endIteration) {
            throw new IllegalStateException("no batch after iteration " + (endIteration - 1));
        }
        if (producer == null) {
            producer = new Thread(this::produce, "training-batches");
            producer.setDaemon(true);
            producer.start();
        }
        Object item;
        try {
            item = ready.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a batch", e);
        }
        if (item instanceof RuntimeException e) {
            throw e;
        }
        if (item instanceof Error e) {
            throw e;
        }
        nextIteration++;
        return (HostBatch) item;
    }

    private void produce() {
        try {
            for (int iteration = nextIteration; iteration < endIteration; iteration++) {
                ready.put(prepare(iteration));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            ready.offer(e);
        }
    }

    /** The test set (or any set) in order, standardised, without augmentation. */
    public static HostBatch slice(ImageSet set, Normalization normalization, int start, int size) {
        int length = set.imageLength();
        int count = Math.min(size, set.size() - start);
        float[] images = new float[count * length];
        float[] labels = new float[count];
        for (int i = 0; i < count; i++) {
            normalization.apply(set, start + i, images, i * length);
            labels[i] = set.labels()[start + i];
        }
        return new HostBatch(-1, images, labels, count, set.channels(), set.height(), set.width());
    }

    static int[] permutation(int n, long seed) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** SplitMix64 finaliser of (stream, index): independent well-mixed seeds for each epoch and batch. */
    static long mix(long stream, long index) {
        long z = stream * 0x9E3779B97F4A7C15L + index + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.interrupt();
        }
    }
}
