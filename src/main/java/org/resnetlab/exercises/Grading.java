package org.resnetlab.exercises;

/**
 * Grading mode: {@code RESNETLAB_GRADING=1} in the kernel's environment (or {@code -Dresnetlab.grading=true}), or
 * {@code NBGRADER_EXECUTION=autograde|validate}, which nbgrader sets while it runs a notebook. A "not yet" verdict
 * then also throws {@link NotYet}, so a grader that scores a cell 0 only when it ends in an error (nbgrader's
 * autograder) scores a wrong answer 0. {@code bin/resnetlab grade} sets it; a student working alone never sees it.
 */
public final class Grading {
    private Grading() {}

    public static final String VARIABLE = "RESNETLAB_GRADING";
    public static final String PROPERTY = "resnetlab.grading";
    /** Set by nbgrader while it executes a notebook ("autograde" or "validate"). */
    public static final String NBGRADER_VARIABLE = "NBGRADER_EXECUTION";

    /** True in grading mode. */
    public static boolean on() {
        String property = System.getProperty(PROPERTY);
        if (property != null) {
            return isTrue(property);
        }
        String variable = System.getenv(VARIABLE);
        if (variable != null) {
            return isTrue(variable);
        }
        String nbgrader = System.getenv(NBGRADER_VARIABLE);
        return nbgrader != null && (nbgrader.equals("autograde") || nbgrader.equals("validate"));
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
