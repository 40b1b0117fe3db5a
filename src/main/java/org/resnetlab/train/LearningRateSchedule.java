package org.resnetlab.train;

import ai.djl.training.tracker.Tracker;

/**
 * Warm-up then step decay, as a DJL {@link Tracker}. {@code getNewValue(i)} is the rate of update {@code i}
 * (0-based): updates 0..warmup−1 use the warm-up rate, and update {@code d} is the first at the lower rate for
 * each drop point {@code d}.
 */
public final class LearningRateSchedule implements Tracker {
    private final Protocol protocol;

    public LearningRateSchedule(Protocol protocol) {
        this.protocol = protocol;
    }

    @Override
    public float getNewValue(int iteration) {
        if (iteration < protocol.warmupIterations()) {
            return protocol.warmupRate();
        }
        float rate = protocol.learningRate();
        for (int drop : protocol.dropsAt()) {
            if (iteration >= drop) {
                rate *= protocol.dropFactor();
            }
        }
        return rate;
    }
}
