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

    /** Something the user should know that does not stop the run (e.g. a damaged checkpoint was skipped). */
    default void warning(String message) {}

    RunListener NONE = new RunListener() {};

    /** One line per metric row and one at the end, e.g. for a notebook cell's output. */
    static RunListener printing(java.io.PrintStream out) {
        return new RunListener() {
            @Override
            public void started(RunConfig config, int startIteration, int iterations) {
                out.println((startIteration == 0 ? "starting" : "resuming at " + startIteration) + " of " + iterations
                        + " iterations in " + config.out());
            }

            @Override
            public void warning(String message) {
                out.println("warning: " + message);
            }

            @Override
            public void evaluated(MetricRow row) {
                out.printf(java.util.Locale.ROOT, "iteration %d  lr %.4g  train loss %.4f error %.2f%%  test loss %.4f "
                                + "error %.2f%%  %.0f images/s%n", row.iteration(), row.lr(), row.trainLoss(),
                        row.trainError(), row.testLoss(), row.testError(), row.imagesPerSecond());
            }

            @Override
            public void finished(RunResult result) {
                out.println((result.alreadyComplete() ? "already complete: " : "") + result.outcome().status().label()
                        + " at iteration " + result.outcome().iteration());
            }
        };
    }

    /**
     * Two lines per trained run (start, end) and one per run read back from its record: what a notebook cell that
     * trains several runs prints.
     */
    static RunListener brief(java.io.PrintStream out) {
        return new RunListener() {
            @Override
            public void started(RunConfig config, int startIteration, int iterations) {
                out.println((startIteration == 0 ? "training " : "resuming at " + startIteration + " of ")
                        + iterations + " iterations: " + config.model().unit() + ", depth " + config.model().depth()
                        + ", " + config.dataset());
            }

            @Override
            public void warning(String message) {
                out.println("warning: " + message);
            }

            @Override
            public void finished(RunResult result) {
                RunConfig c = result.config();
                // one println: IJava turns each piece of a printf into its own output fragment
                // a diverged run has no final test error (its last row is from before it diverged)
                String end = result.outcome().ok()
                        ? String.format(java.util.Locale.ROOT, "%s, test error %.2f%%", result.outcome().status().label(),
                                result.finalTestError())
                        : "diverged at iteration " + result.outcome().iteration();
                out.println((result.alreadyComplete() ? "recorded: " : "  done: ") + c.model().unit() + ", depth "
                        + c.model().depth() + ", seed " + c.seed() + ": " + end);
            }
        };
    }
}
