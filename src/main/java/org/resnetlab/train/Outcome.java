package org.resnetlab.train;

/**
 * How a run ended. {@code DIVERGED}: the training loss became NaN or infinite at {@code iteration};
 * {@code FAIL}: the paper's "fail", test error above 20% at the end; otherwise {@code COMPLETED}.
 */
public record Outcome(Status status, int iteration, double finalTestError, String detail) {

    public static final double FAIL_ABOVE_PERCENT = 20.0;

    public enum Status {
        COMPLETED, DIVERGED, FAIL;

        public String label() { return name().toLowerCase(); }
    }

    public static Outcome atEnd(int iteration, double testError) {
        return testError > FAIL_ABOVE_PERCENT
                ? new Outcome(Status.FAIL, iteration, testError, "test error " + testError + "% is above 20%")
                : new Outcome(Status.COMPLETED, iteration, testError, "");
    }

    public static Outcome diverged(int iteration, double loss) {
        return new Outcome(Status.DIVERGED, iteration, Double.NaN, "training loss " + loss + " at iteration " + iteration);
    }

    public boolean ok() { return status == Status.COMPLETED; }
}
