package org.resnetlab.exercises;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Answers written as methods of the answer cell (the release's starters throw) and grading mode. */
class AnswersTest {
    @AfterEach
    void restore() {
        System.clearProperty(Grading.PROPERTY);
    }

    private static <T> T starter() {
        throw new UnsupportedOperationException(Answers.STARTER_MESSAGE);
    }

    @Test
    void anUnchangedStarterIsNotYetAnswered() {
        Verdict v = GoingDeeperExercises.unitCount(1001, "bottleneck", AnswersTest::<Integer>starter);
        assertFalse(v.right());
        assertTrue(v.message().startsWith("No answer yet"), v.message());
        assertTrue(IdentityRecursionExercises.productOfLambdas(110, 0.9, AnswersTest::<Double>starter).toString()
                .startsWith("✗ Not yet. No answer yet"));
        assertFalse(PreActivationExercises.implement("full-preact", (ops, x) -> starter()).right());
        Verdict block = ResidualMappingExercises.residualBlock((x, f) -> starter());
        assertTrue(!block.right() && block.message().startsWith("No answer yet"), block.message());
        Verdict unit = IdentityRecursionExercises.preActivationUnit((x, u) -> starter());
        assertTrue(!unit.right() && unit.message().startsWith("No answer yet"), unit.message());
    }

    @Test
    void methodAnswersAreCheckedLikeValues() {
        assertEquals(GoingDeeperExercises.unitCount(1001, "bottleneck", 333),
                GoingDeeperExercises.unitCount(1001, "bottleneck", () -> 333));
        assertTrue(GoingDeeperExercises.unitCount(1001, "bottleneck", () -> 333).right());
        assertEquals(IdentityRecursionExercises.productOfLambdas(110, 0.9, Math.pow(0.9, 54)),
                IdentityRecursionExercises.productOfLambdas(110, 0.9, () -> Math.pow(0.9, 54)));
        assertTrue(IdentityRecursionExercises.productOfLambdas(110, 0.9, () -> Math.pow(0.9, 54)).right());
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
        Grading.NotYet wrong = assertThrows(Grading.NotYet.class,
                () -> IdentityRecursionExercises.productOfLambdas(110, 0.9, 0.9));
        assertTrue(wrong.getMessage().startsWith("✗ Not yet. "), wrong.getMessage());
        Grading.NotYet block = assertThrows(Grading.NotYet.class,
                () -> ResidualMappingExercises.residualBlock((x, f) -> f.apply(x)));
        assertTrue(block.getMessage().contains("plain block"), block.getMessage());
        assertTrue(IdentityRecursionExercises.productOfLambdas(110, 0.9, Math.pow(0.9, 54)).right());
        System.setProperty(Grading.PROPERTY, "false");
        assertFalse(GoingDeeperExercises.unitCount(1001, "bottleneck", 111).right());
    }
}
