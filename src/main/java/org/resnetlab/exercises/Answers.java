package org.resnetlab.exercises;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Answers written as a method in the notebook's answer cell and passed to the checker as {@code () -> myAnswer()}:
 * the checker evaluates it, so a starter that still throws (the release's
 * {@code throw new UnsupportedOperationException("your code here")}) or any other exception of the student's code
 * becomes a "not yet" with the reason, not an error of the checking cell.
 */
public final class Answers {
    private Answers() {}

    /** What the starters of the student release throw. */
    public static final String STARTER_MESSAGE = "your code here";

    /** The hint for student code that threw. */
    static String threw(RuntimeException e) {
        if (e instanceof UnsupportedOperationException && STARTER_MESSAGE.equals(e.getMessage())) {
            return "no answer yet: the answer cell still throws the starter's \"" + STARTER_MESSAGE + "\"; replace "
                    + "that line with your answer.";
        }
        return "your code threw " + e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** Evaluates the answer and checks it; an exception or null becomes a "not yet" verdict. */
    static <T> Verdict verdict(Supplier<T> answer, Function<T, Verdict> check) {
        T value;
        try {
            value = answer.get();
        } catch (RuntimeException e) {
            return Verdict.notYet(capitalised(threw(e)));
        }
        if (value == null) {
            return Verdict.notYet("Your answer is null.");
        }
        return check.apply(value);
    }

    /**
     * The "which run ends with the highest training error?" check of notebooks 01 and 03: {@code unknown} (given the
     * run labels) when the answer is not a label, {@code right} when it is the run with the highest median final
     * training error over its seeds, else {@code wrong}.
     */
    static Verdict highestTrainingError(org.resnetlab.experiments.ExperimentResults results, String answer,
                                        Function<java.util.Set<String>, String> unknown, String right, String wrong) {
        var labels = results.medianFinalTrainErrorByLabel().keySet();
        String given = answer == null ? "" : answer.trim();
        if (!labels.contains(given)) {
            return Verdict.notYet(unknown.apply(labels));
        }
        return given.equals(results.highestMedianFinalTrainError()) ? Verdict.right(right) : Verdict.notYet(wrong);
    }
}
