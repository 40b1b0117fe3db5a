package org.resnetlab.cli;

import java.nio.file.Path;
import org.resnetlab.engine.Engines;
import org.resnetlab.train.Protocol;
import org.resnetlab.train.RunConfig;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** Options shared by {@code train} and {@code grid}: schedule length, recording, engine and devices. */
final class RunOptions {

    static final class Length {
        @Option(names = "--iterations", description = "updates in the run (paper: 64000); the lr drops stay at 1/2 and 3/4 of the run, the "
                + "warm-up stays [2]'s 400 iterations (a quarter of the run when shorter than 1600)")
        Integer iterations;

        @Option(names = "--scale", description = "fraction of the paper's 64000 iterations, e.g. 0.05 (3200); lr drops scale with it, the warm-up "
                + "stays 400 iterations as with --iterations")
        Double scale;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Length length = new Length();

    @Option(names = "--data-dir", description = "an archive or folder you already have (default: the download cache data/cache)")
    Path dataDir;

    @Option(names = "--batch-size", defaultValue = "128", description = "images per update over all devices (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--lr", description = "learning rate after warm-up (paper: 0.1)")
    Float learningRate;

    @Option(names = "--warmup-lr", description = "learning rate during warm-up (paper: 0.01)")
    Float warmupRate;

    @Option(names = "--warmup-iterations", description = "warm-up length in iterations, 0 = none (paper: 400, kept whatever the run's length)")
    Integer warmupIterations;

    @Option(names = "--momentum", description = "SGD momentum (paper: 0.9)")
    Float momentum;

    @Option(names = "--weight-decay", description = "L2 weight decay on every parameter (paper: 1e-4)")
    Float weightDecay;

    /** Iterations between metric rows; 0 = the default, 1/64 of the run. */
    int evalEvery;
    /** Iterations between checkpoints; 0 = the default, the evaluation interval. */
    int checkpointEvery;
    /** Test images evaluated; 0 = all. */
    int testLimit;

    @Option(names = "--eval-every", paramLabel = "N", description = "iterations between metric rows, at least 1 (default: iterations/64)")
    void evalEvery(int n) {
        evalEvery = atLeastOne("--eval-every", n);
    }

    @Option(names = "--checkpoint-every", paramLabel = "N", description = "iterations between checkpoints, at least 1 (default: the evaluation interval)")
    void checkpointEvery(int n) {
        checkpointEvery = atLeastOne("--checkpoint-every", n);
    }

    @Option(names = "--test-limit", paramLabel = "N", description = "evaluate on the first N test images, at least 1 (default: all)")
    void testLimit(int n) {
        testLimit = atLeastOne("--test-limit", n);
    }

    /** A value refused while parsing: remembered and reported by {@link #protocol()} as one sentence. */
    private String invalid;

    private int atLeastOne(String flag, int n) {
        if (n < 1 && invalid == null) {
            invalid = flag + " must be at least 1, got " + n;
        }
        return Math.max(n, 0);
    }

    @Option(names = "--no-augment", description = "train without the pad-4 crop and flip")
    boolean noAugment;

    @Option(names = "--engine", description = "mxnet|pytorch (default: DJL's default engine)")
    String engine;

    @Option(names = "--devices", defaultValue = "cpu", description = "cpu, gpu (all GPUs) or gpu:0,1 (default: ${DEFAULT-VALUE})")
    String devices;

    /**
     * The protocol the flags describe. Every numeric flag is checked first, so a nonsense value is one sentence
     * naming that flag before anything is built or written.
     */
    Protocol protocol() {
        validate();
        Protocol p = lengthOf(Protocol.paper().withBatchSize(batchSize));
        if (warmupIterations != null && warmupIterations > p.iterations()) {
            throw new IllegalArgumentException("--warmup-iterations " + warmupIterations + " is longer than the run's "
                    + p.iterations() + " iterations");
        }
        return new Protocol(p.iterations(), p.batchSize(), learningRate != null ? learningRate : p.learningRate(),
                warmupRate != null ? warmupRate : p.warmupRate(),
                warmupIterations != null ? warmupIterations : p.warmupIterations(), p.dropsAt(), p.dropFactor(),
                momentum != null ? momentum : p.momentum(), weightDecay != null ? weightDecay : p.weightDecay());
    }

    private void validate() {
        if (invalid != null) {
            throw new IllegalArgumentException(invalid);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("--batch-size must be at least 1, got " + batchSize);
        }
        positive("--lr", learningRate);
        positive("--warmup-lr", warmupRate);
        if (momentum != null && !(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("--momentum must be at least 0 and below 1, got " + momentum);
        }
        if (weightDecay != null && !(weightDecay >= 0 && Float.isFinite(weightDecay))) {
            throw new IllegalArgumentException("--weight-decay must be a finite number of at least 0, got " + weightDecay);
        }
        if (warmupIterations != null && warmupIterations < 0) {
            throw new IllegalArgumentException("--warmup-iterations must be at least 0 (0 = no warm-up), got " + warmupIterations);
        }
    }

    private static void positive(String flag, Float value) {
        if (value != null && !(value > 0 && Float.isFinite(value))) {
            throw new IllegalArgumentException(flag + " must be a finite number above 0, got " + value);
        }
    }

    private Protocol lengthOf(Protocol protocol) {
        if (length.iterations != null) {
            if (length.iterations < 1) {
                throw new IllegalArgumentException("--iterations must be at least 1, got " + length.iterations);
            }
            return protocol.withIterations(length.iterations);
        }
        if (length.scale != null) {
            double iterations = length.scale * protocol.iterations();
            if (!(length.scale > 0) || !Double.isFinite(length.scale) || iterations > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("--scale must be a finite number above 0 and at most "
                        + Integer.MAX_VALUE / protocol.iterations() + " (the run's iterations must fit), got " + length.scale);
            }
            return protocol.scaled(length.scale);
        }
        return protocol;
    }

    /** {@code run} with what these flags set: data folder, protocol, engine, devices, intervals, test limit, augmentation. */
    RunConfig.Builder apply(RunConfig.Builder run) {
        return run.dataDir(dataDir).protocol(protocol()).engine(engineName()).devices(devices).evalEvery(evalEvery)
                .checkpointEvery(checkpointEvery).testLimit(testLimit).augment(!noAugment);
    }

    /** DJL's engine name for the flag, or null for DJL's default. */
    String engineName() {
        if (engine == null) {
            return null;
        }
        return Engines.djlName(engine, "--engine");
    }
}
