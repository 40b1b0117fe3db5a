package org.resnetlab.exercises;

/**
 * Grading mode: {@code RESNETLAB_GRADING=1} in the kernel's environment (or {@code -Dresnetlab.grading=true}). A
 * "not yet" verdict then also throws {@link NotYet}, so a grader that scores a cell 0 only when it ends in an error
 * (nbgrader's autograder) scores a wrong answer 0. {@code bin/resnetlab grade} sets it; a student working alone
 * never sees it.
 */
public final class Grading {
    private Grading() {}

    public static final String VARIABLE = "RESNETLAB_GRADING";
    public static final String PROPERTY = "resnetlab.grading";

    /** True in grading mode. */
    public static boolean on() {
        String property = System.getProperty(PROPERTY);
        if (property != null) {
            return isTrue(property);
        }
        String variable = System.getenv(VARIABLE);
        return variable != null && isTrue(variable);
    }

    private static boolean isTrue(String value) {
        String v = value.trim().toLowerCase(java.util.Locale.ROOT);
        return !v.isEmpty() && !v.equals("0") && !v.equals("false") && !v.equals("no");
    }

    /** A "not yet" verdict raised as an error in grading mode; the message is the verdict as printed. */
    public static final class NotYet extends AssertionError {
        public NotYet(String verdict) {
            super(verdict);
        }
    }
}
