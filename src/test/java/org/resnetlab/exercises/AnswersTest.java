package org.resnetlab.exercises;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Answers written as methods of the answer cell (the release's starters throw) and grading mode. */
class AnswersTest {
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    @BeforeEach
    void capture() {
        Exercises.printTo(new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        Exercises.printTo(System.out);
        System.clearProperty(Grading.PROPERTY);
    }

    private String output() {
        String s = printed.toString(StandardCharsets.UTF_8);
        printed.reset();
        return s;
    }

    private static <T> T starter() {
        throw new UnsupportedOperationException(Answers.STARTER_MESSAGE);
    }

    @Test
    void anUnchangedStarterIsNotYetAnswered() {
        Verdict v = GoingDeeperExercises.unitCount(1001, "bottleneck", AnswersTest::<Integer>starter);
        assertFalse(v.right());
        assertTrue(v.message().startsWith("No answer yet"), v.message());
        assertFalse(Exercises.checkProductOfLambdas(110, 0.9, AnswersTest::<Double>starter));
        assertTrue(output().startsWith("✗ not yet: no answer yet"));
        assertFalse(PreActivationExercises.implement("full-preact", (ops, x) -> starter()).right());
        assertFalse(Exercises.checkResidualBlock((x, f) -> starter()));
        assertTrue(output().contains("no answer yet"));
    }

    @Test
    void methodAnswersAreCheckedLikeValues() {
        assertEquals(GoingDeeperExercises.unitCount(1001, "bottleneck", 333),
                GoingDeeperExercises.unitCount(1001, "bottleneck", () -> 333));
        assertTrue(GoingDeeperExercises.unitCount(1001, "bottleneck", () -> 333).right());
        assertTrue(Exercises.checkProductOfLambdas(110, 0.9, () -> Math.pow(0.9, 54)));
        assertTrue(ShortcutVariantExercises.shortcutFactor(54, 0.5, () -> Math.pow(0.5, 54)).right());
        assertEquals(PreActivationExercises.clearShortcutPath("c", "d", "e"),
                PreActivationExercises.clearShortcutPath(() -> List.of("c", "d", "e")));
        assertEquals(PreActivationExercises.nonNegativeResidual("c"), PreActivationExercises.nonNegativeResidual(() -> "c"));
        Verdict nothing = PreActivationExercises.nonNegativeResidual(() -> null);
        assertTrue(!nothing.right() && nothing.message().contains("null"), nothing.message());
        Verdict thrown = ShortcutVariantExercises.predictFailures(() -> { throw new IllegalStateException("oops"); });
        assertEquals("Your code threw IllegalStateException: oops", thrown.message());
    }

    @Test
    void gradingModeRaisesNotYetAndLetsRightAnswersThrough() {
        System.setProperty(Grading.PROPERTY, "1");
        Grading.NotYet e = assertThrows(Grading.NotYet.class,
                () -> GoingDeeperExercises.unitCount(1001, "bottleneck", 111));
        assertTrue(e.getMessage().startsWith("✗ Not yet. That is one stage"), e.getMessage());
        assertTrue(GoingDeeperExercises.unitCount(1001, "bottleneck", 333).right());
        Grading.NotYet printed = assertThrows(Grading.NotYet.class, () -> Exercises.checkProductOfLambdas(110, 0.9, 0.9));
        assertTrue(output().startsWith("✗ not yet:"));
        assertTrue(printed.getMessage().startsWith("✗ not yet:"));
        assertTrue(Exercises.checkProductOfLambdas(110, 0.9, Math.pow(0.9, 54)));
        System.setProperty(Grading.PROPERTY, "false");
        assertFalse(GoingDeeperExercises.unitCount(1001, "bottleneck", 111).right());
    }
}
