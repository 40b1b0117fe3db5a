package org.resnetlab.cli;

import java.nio.file.Path;
import java.util.Locale;
import org.resnetlab.train.Protocol;
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

    @Option(names = "--eval-every", defaultValue = "0", description = "iterations between metric rows (default: iterations/64)")
    int evalEvery;

    @Option(names = "--checkpoint-every", defaultValue = "0", description = "iterations between checkpoints (default: the evaluation interval)")
    int checkpointEvery;

    @Option(names = "--test-limit", defaultValue = "0", description = "evaluate on the first N test images (default: all)")
    int testLimit;

    @Option(names = "--no-augment", description = "train without the pad-4 crop and flip")
    boolean noAugment;

    @Option(names = "--engine", description = "mxnet|pytorch (default: DJL's default engine)")
    String engine;

    @Option(names = "--devices", defaultValue = "cpu", description = "cpu, gpu (all GPUs) or gpu:0,1 (default: ${DEFAULT-VALUE})")
    String devices;

    Protocol protocol() {
        Protocol p = lengthOf(Protocol.paper().withBatchSize(batchSize));
        return new Protocol(p.iterations(), p.batchSize(), learningRate != null ? learningRate : p.learningRate(),
                warmupRate != null ? warmupRate : p.warmupRate(),
                warmupIterations != null ? warmupIterations : p.warmupIterations(), p.dropsAt(), p.dropFactor(),
                momentum != null ? momentum : p.momentum(), weightDecay != null ? weightDecay : p.weightDecay());
    }

    private Protocol lengthOf(Protocol protocol) {
        if (length.iterations != null) {
            if (length.iterations < 1) {
                throw new IllegalArgumentException("--iterations must be positive, got " + length.iterations);
            }
            return protocol.withIterations(length.iterations);
        }
        if (length.scale != null) {
            if (!(length.scale > 0)) {
                throw new IllegalArgumentException("--scale must be positive, got " + length.scale);
            }
            return protocol.scaled(length.scale);
        }
        return protocol;
    }

    /** DJL's engine name for the flag, or null for DJL's default. */
    String engineName() {
        if (engine == null) {
            return null;
        }
        return switch (engine.toLowerCase(Locale.ROOT)) {
            case "mxnet" -> "MXNet";
            case "pytorch" -> "PyTorch";
            default -> throw new IllegalArgumentException("--engine must be mxnet or pytorch, got '" + engine + "'");
        };
    }
}
