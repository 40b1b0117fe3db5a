package org.resnetlab.train;

import java.util.List;

/**
 * The training protocol of He et al. ([1] §4.2, [2] §3.1): SGD with momentum 0.9 and weight decay 1e-4,
 * batch 128, lr 0.1 after 400 warm-up iterations at 0.01, divided by 10 at 32k and 48k, stop at 64k.
 * {@link #scaled(double)} shrinks every iteration count proportionally for short runs.
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

    public Protocol {
        dropsAt = List.copyOf(dropsAt);
        if (iterations < 1 || batchSize < 1) {
            throw new IllegalArgumentException("iterations and batch size must be positive: " + iterations + ", " + batchSize);
        }
    }

    /** The paper's protocol, unchanged. */
    public static Protocol paper() {
        return new Protocol(PAPER_ITERATIONS, 128, 0.1f, 0.01f, 400, List.of(32_000, 48_000), 0.1f, 0.9f, 1e-4f);
    }

    /** The same schedule shrunk (or stretched) by {@code scale}: iterations, warm-up and drop points alike. */
    public Protocol scaled(double scale) {
        if (!(scale > 0)) {
            throw new IllegalArgumentException("scale must be positive, got " + scale);
        }
        int total = Math.max(1, (int) Math.round(iterations * scale));
        int warmup = warmupIterations == 0 ? 0 : Math.max(1, (int) Math.round(warmupIterations * scale));
        List<Integer> drops = dropsAt.stream().map(d -> (int) Math.round(d * scale)).toList();
        return new Protocol(total, batchSize, learningRate, warmupRate, warmup, drops, dropFactor, momentum, weightDecay);
    }

    /** The schedule scaled so that it ends after {@code total} iterations. */
    public Protocol withIterations(int total) {
        Protocol p = scaled((double) total / iterations);
        return new Protocol(total, p.batchSize, p.learningRate, p.warmupRate, p.warmupIterations, p.dropsAt,
                p.dropFactor, p.momentum, p.weightDecay);
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
