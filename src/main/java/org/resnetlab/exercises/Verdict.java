package org.resnetlab.exercises;

/**
 * What a checking cell prints: right, or not yet with a hint. A verdict never contains the reference answer, so a
 * student can check as often as they like. In a notebook the checker call is the cell's last expression. In
 * {@link Grading grading mode} a "not yet" is thrown as {@link Grading.NotYet} instead of returned.
 */
public record Verdict(boolean right, String message) {

    static Verdict right(String why) {
        return new Verdict(true, why);
    }

    static Verdict notYet(String hint) {
        Verdict v = new Verdict(false, hint);
        if (Grading.on()) {
            throw new Grading.NotYet(v.toString());
        }
        return v;
    }

    @Override
    public String toString() {
        return (right ? "✓ Right. " : "✗ Not yet. ") + message;
    }
}
