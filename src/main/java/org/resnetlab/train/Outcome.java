package org.resnetlab.train;

/**
 * How a run ended: {@code DIVERGED} when the training loss became NaN or infinite at {@code iteration}, else
 * {@code COMPLETED}. Whether a completed run counts as [2]'s "fail" is a judgement over seeds and against a
 * baseline, made by the experiments layer ({@code experiments.FailRule}), not a property of one run; {@code FAIL}
 * is only read back from run.json files written before that change (they applied [2]'s 20% to every run).
 */
public record Outcome(Status status, int iteration, double finalTestError, String detail) {

    public enum Status {
        COMPLETED, DIVERGED, FAIL;

        public String label() { return name().toLowerCase(); }
    }

    public static Outcome atEnd(int iteration, double testError) {
        return new Outcome(Status.COMPLETED, iteration, testError, "");
    }

    public static Outcome diverged(int iteration, double loss) {
        return new Outcome(Status.DIVERGED, iteration, Double.NaN, "training loss " + loss + " at iteration " + iteration);
    }

    /** Completed (also the old "fail" records, which completed too): not diverged. */
    public boolean ok() { return status != Status.DIVERGED; }
}
