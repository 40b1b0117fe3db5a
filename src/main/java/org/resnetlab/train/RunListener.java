package org.resnetlab.train;

/** Progress of a run, for progress bars, log lines and notebook output. All methods are optional. */
public interface RunListener {
    /** Training starts (or resumes) at {@code startIteration} of {@code iterations}. */
    default void started(RunConfig config, int startIteration, int iterations) {}

    /** Update {@code iteration} (1-based count of completed updates) ran at rate {@code lr} with this batch loss. */
    default void stepped(int iteration, double lr, double loss) {}

    default void evaluated(MetricRow row) {}

    default void checkpointed(int iteration) {}

    default void finished(RunResult result) {}

    RunListener NONE = new RunListener() {};
}
