package org.resnetlab.exercises;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Notebook 02's checkers: the verdict they return, judged on a real unit and on the data they are given. */
class IdentityRecursionExercisesTest {

    /** The hand-written Fig. 4(e) unit agrees with the FullPreActivation class; the other orderings are named. */
    @Test
    void preActivationUnit() {
        Verdict right = IdentityRecursionExercises.preActivationUnit(
                (x, u) -> x.add(u.conv2(u.relu(u.bn2(u.conv1(u.relu(u.bn1(x))))))));
        assertTrue(right.right(), right.message());
        Verdict original = IdentityRecursionExercises.preActivationUnit(
                (x, u) -> u.relu(x.add(u.bn2(u.conv2(u.relu(u.bn1(u.conv1(x))))))));
        assertTrue(!original.right() && original.message().contains("Fig. 4(a)"), original.message());
        Verdict reluOnly = IdentityRecursionExercises.preActivationUnit(
                (x, u) -> x.add(u.bn2(u.conv2(u.relu(u.bn1(u.conv1(u.relu(x))))))));
        assertTrue(!reluOnly.right() && reluOnly.message().contains("Fig. 4(d)"), reluOnly.message());
        Verdict identity = IdentityRecursionExercises.preActivationUnit((x, u) -> x);
        assertTrue(!identity.right() && identity.toString().startsWith("✗ Not yet. "), identity.toString());
        Verdict crashed = IdentityRecursionExercises.preActivationUnit((x, u) -> { throw new IllegalStateException("todo"); });
        assertTrue(!crashed.right() && crashed.message().contains("todo"), crashed.message());
    }

    /** ResNet-110 has 54 units: Π λ = λ^54; the verdict on a wrong answer never shows it. */
    @Test
    void productOfLambdas() {
        double right = Math.pow(0.9, 54);
        assertTrue(IdentityRecursionExercises.productOfLambdas(110, 0.9, right).right());
        assertTrue(IdentityRecursionExercises.productOfLambdas(110, 0.9, 0.00338).right(), "within 0.5%");
        Verdict layers = IdentityRecursionExercises.productOfLambdas(110, 0.9, Math.pow(0.9, 110));
        assertTrue(!layers.right() && layers.message().contains("layers"), layers.message());
        assertFalse(layers.message().contains(String.format(Locale.ROOT, "%.3g", right)), layers.message());
        assertTrue(IdentityRecursionExercises.productOfLambdas(110, 0.9, Math.pow(0.9, 55)).message().contains("Off by one"));
        assertTrue(IdentityRecursionExercises.productOfLambdas(110, 0.9, Math.pow(0.9, 18)).message().contains("one stage"));
        assertTrue(IdentityRecursionExercises.productOfLambdas(110, 0.9, 0.9 * 54).message().contains("multiply"));
        assertTrue(IdentityRecursionExercises.productOfLambdas(110, 0.9, 2.0).message().contains("shrinking"));
        assertThrows(IllegalArgumentException.class, () -> IdentityRecursionExercises.productOfLambdas(100, 0.9, 0.1));
    }

    @Test
    void theLesionQuestionReadsTheTables() {
        Map<String, Table> lesions = Map.of("plain-20", lesion(20, 85), "original-20", lesion(10, 14));
        assertTrue(IdentityRecursionExercises.mostLesionSensitive(lesions, "plain-20").right());
        assertFalse(IdentityRecursionExercises.mostLesionSensitive(lesions, "original-20").right());
        Verdict unknown = IdentityRecursionExercises.mostLesionSensitive(lesions, "vgg");
        assertTrue(!unknown.right() && unknown.message().startsWith("Answer with one of"), unknown.message());
        // the rise over the intact row counts, not the highest error: the residual net is worse but rises less
        Map<String, Table> rise = Map.of("plain-20", lesion(5, 30), "original-20", lesion(40, 45));
        assertTrue(IdentityRecursionExercises.mostLesionSensitive(rise, () -> "plain-20").right());
    }

    private static Table lesion(double intact, double worst) {
        return Table.create("l", StringColumn.create("deleted unit", "none", "unit 0", "unit 1"),
                DoubleColumn.create("test error %", intact, intact + 1, worst));
    }
}
