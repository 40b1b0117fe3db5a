package org.resnetlab.train;

import java.util.List;

/**
 * The training protocol of He et al. ([1] §4.2, [2] §3.1): SGD with momentum 0.9 and weight decay 1e-4,
 * batch 128, lr 0.1 after 400 warm-up iterations at 0.01, divided by 10 at 32k and 48k, stop at 64k.
 * {@link #scaled(double)} and {@link #withIterations(int)} shrink the run and keep the lr drops at the paper's
 * proportions (½ and ¾ of the run), but not the warm-up: [2] warms up for 400 iterations at 0.01 in every CIFAR run,
 * whatever its length, so the warm-up stays 400 iterations. Only a run too short to hold it (under
 * {@value #MIN_ITERATIONS_FOR_FULL_WARMUP} iterations) gets a shorter one, a quarter of the run, and
 * {@link #warmupRule()} says so.
 *
 * @param iterations       updates in the whole run
 * @param batchSize        images per update (over all devices)
 * @param learningRate     base learning rate after warm-up
 * @param warmupRate       learning rate during warm-up
 * @param warmupIterations updates at the warm-up rate (0 = no warm-up)
 * @param dropsAt          iterations at which the rate is multiplied by {@code dropFactor}
 * @param dropFactor       0.1 in the paper
 * @param momentum         SGD momentum
 * @param weightDecay      L2 penalty on every parameter (BN's too, as in the paper's Torch code)
 */
public record Protocol(int iterations, int batchSize, float learningRate, float warmupRate, int warmupIterations,
                       List<Integer> dropsAt, float dropFactor, float momentum, float weightDecay) {

    public static final int PAPER_ITERATIONS = 64_000;
    /** [2] appendix: 400 iterations at lr 0.01, then 0.1, for every CIFAR run. */
    public static final int PAPER_WARMUP = 400;
    public static final float PAPER_WARMUP_RATE = 0.01f;
    /** The shortest run that holds the whole warm-up: it then takes at most a quarter of the run. */
    public static final int MIN_ITERATIONS_FOR_FULL_WARMUP = 4 * PAPER_WARMUP;

    public Protocol {
        dropsAt = List.copyOf(dropsAt);
        if (iterations < 1 || batchSize < 1) {
            throw new IllegalArgumentException("iterations and batch size must be positive: " + iterations + ", " + batchSize);
        }
    }

    /** The paper's protocol, unchanged. */
    public static Protocol paper() {
        return new Protocol(PAPER_ITERATIONS, 128, 0.1f, PAPER_WARMUP_RATE, PAPER_WARMUP, List.of(32_000, 48_000), 0.1f,
                0.9f, 1e-4f);
    }

    /**
     * The run shrunk (or stretched) by {@code scale}: iterations and lr drops scale, the warm-up keeps its length
     * (see {@link #warmupFor(int, int)}).
     */
    public Protocol scaled(double scale) {
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("scale must be a positive finite number, got " + scale);
        }
        double total = iterations * scale;
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("scale " + scale + " gives more than " + Integer.MAX_VALUE + " iterations");
        }
        return withIterations(Math.max(1, (int) Math.round(total)));
    }

    /** The schedule of a run of {@code total} iterations: drops at the same fractions of the run, warm-up kept. */
    public Protocol withIterations(int total) {
        if (total < 1) {
            throw new IllegalArgumentException("iterations must be positive, got " + total);
        }
        double ratio = (double) total / iterations;
        List<Integer> drops = dropsAt.stream().map(d -> (int) Math.round(d * ratio)).toList();
        return new Protocol(total, batchSize, learningRate, warmupRate, warmupFor(warmupIterations, total), drops,
                dropFactor, momentum, weightDecay);
    }

    /**
     * The warm-up a run of {@code total} iterations gets: {@code warmup} itself when the run holds it (the run is at
     * least four times as long), else a quarter of the run (at least 1 when {@code warmup} > 0), never more.
     */
    public static int warmupFor(int warmup, int total) {
        if (warmup <= 0) {
            return 0;
        }
        return Math.min(warmup, Math.max(1, total / 4));
    }

    /**
     * How this protocol warms up, for run.json and the console: the paper's rule, a shortened one (and why), none,
     * or a custom one.
     */
    public String warmupRule() {
        if (warmupIterations == 0) {
            return "none";
        }
        String what = warmupIterations + " iterations at lr " + warmupRate;
        if (warmupRate == PAPER_WARMUP_RATE && warmupIterations == PAPER_WARMUP) {
            return "[2]: " + what + ", then " + learningRate;
        }
        if (warmupRate == PAPER_WARMUP_RATE && warmupIterations == warmupFor(PAPER_WARMUP, iterations)) {
            return "shortened: " + what + " (a quarter of this " + iterations + "-iteration run; [2]'s 400 iterations "
                    + "need a run of at least " + MIN_ITERATIONS_FOR_FULL_WARMUP + ")";
        }
        return "custom: " + what;
    }

    /** True when the warm-up is [2]'s rule cut short because the run is too short to hold it. */
    public boolean warmupShortened() {
        return warmupRule().startsWith("shortened");
    }

    public Protocol withBatchSize(int size) {
        return new Protocol(iterations, size, learningRate, warmupRate, warmupIterations, dropsAt, dropFactor, momentum, weightDecay);
    }

    public Protocol withLearningRate(float rate) {
        return new Protocol(iterations, batchSize, rate, warmupRate, warmupIterations, dropsAt, dropFactor, momentum, weightDecay);
    }

    public Protocol withWarmup(float rate, int warmup) {
        return new Protocol(iterations, batchSize, learningRate, rate, warmup, dropsAt, dropFactor, momentum, weightDecay);
    }

    public Protocol withWeightDecay(float decay) {
        return new Protocol(iterations, batchSize, learningRate, warmupRate, warmupIterations, dropsAt, dropFactor, momentum, decay);
    }

    public LearningRateSchedule schedule() {
        return new LearningRateSchedule(this);
    }
}
