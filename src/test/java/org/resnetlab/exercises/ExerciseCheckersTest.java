package org.resnetlab.exercises;

import ai.djl.ndarray.NDArray;
import org.junit.jupiter.api.Test;
import org.resnetlab.experiments.ExperimentResults;
import org.resnetlab.experiments.RecordedRuns;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.resnetlab.experiments.RecordedRuns.row;

/** Every checker says right to the right answer, not yet (with a hint, without the answer) to wrong ones. */
class ExerciseCheckersTest {

    /** The five orderings of [2] Fig. 4 written by hand with the student's operations. */
    static final Map<String, UnitRecipe> ORDERINGS = Map.of(
            "original", (o, x) -> o.relu(x.add(o.bn(o.conv2(o.relu(o.bn(o.conv1(x))))))),
            "bn-after-addition", (o, x) -> o.relu(o.bn(x.add(o.conv2(o.relu(o.bn(o.conv1(x))))))),
            "relu-before-addition", (o, x) -> x.add(o.relu(o.bn(o.conv2(o.relu(o.bn(o.conv1(x))))))),
            "relu-only-preact", (o, x) -> x.add(o.bn(o.conv2(o.relu(o.bn(o.conv1(o.relu(x))))))),
            "full-preact", (o, x) -> x.add(o.conv2(o.relu(o.bn(o.conv1(o.relu(o.bn(x))))))));

    @Test
    void eachHandWrittenOrderingIsRecognisedAsItselfOnly() {
        for (var target : ORDERINGS.keySet()) {
            for (var recipe : ORDERINGS.entrySet()) {
                Verdict v = PreActivationExercises.implement(target, recipe.getValue());
                assertTrue(v.right() == recipe.getKey().equals(target), target + " checked with " + recipe.getKey() + ": " + v);
            }
        }
    }

    @Test
    void aWrongOrderingIsNamedAndTheHintDoesNotGiveTheRecipe() {
        Verdict v = PreActivationExercises.implement("bn-after-addition", ORDERINGS.get("original"));
        assertFalse(v.right());
        assertTrue(v.message().contains("(a) original"), v.message());
        assertTrue(v.toString().startsWith("✗ Not yet."), v.toString());

        UnitRecipe branchOnly = (o, x) -> o.conv2(o.relu(o.bn(o.conv1(x))));
        Verdict none = PreActivationExercises.implement("bn-after-addition", branchOnly);
        assertTrue(none.message().contains("none of the orderings"), none.message());

        UnitRecipe broken = (o, x) -> { throw new UnsupportedOperationException("TODO"); };
        Verdict crashed = PreActivationExercises.implement("full-preact", broken);
        assertFalse(crashed.right());
        assertTrue(crashed.message().contains("UnsupportedOperationException: TODO"), crashed.message());

        UnitRecipe missing = (o, x) -> null;
        assertFalse(PreActivationExercises.implement("full-preact", missing).right());
        assertThrows(IllegalArgumentException.class, () -> PreActivationExercises.implement("plain", branchOnly));
    }

    @Test
    void orderingQuestionsAreCheckedAgainstTheDiagrams() {
        assertTrue(PreActivationExercises.clearShortcutPath("c", "(D)", "e").right());
        Verdict partial = PreActivationExercises.clearShortcutPath("e", "a");
        assertFalse(partial.right());
        assertTrue(partial.message().startsWith("1 of your 2 choice(s) are right, 1 should not be there, 2 missing"),
                partial.message());
        assertTrue(PreActivationExercises.nonNegativeResidual("c").right());
        assertFalse(PreActivationExercises.nonNegativeResidual("e").right());
        assertTrue(PreActivationExercises.clearShortcutPath("f").message().contains("letters a–e"), "a typo is a hint, not an exception");
        assertFalse(PreActivationExercises.nonNegativeResidual("").right());
    }

    @Test
    void failuresOfTableOneArePredictedWithoutRevealingThem() {
        assertTrue(ShortcutVariantExercises.predictFailures("constant-scaling:0.5/1", "exclusive-gating:0",
                "dropout-shortcut").right());
        Verdict v = ShortcutVariantExercises.predictFailures("constant-scaling:0.5/0.5", "exclusive-gating:0");
        assertFalse(v.right());
        for (String answer : List.of("constant-scaling:0.5/1", "dropout")) {
            assertFalse(v.message().contains(answer), "the hint names no answer: " + v.message());
        }
        assertFalse(ShortcutVariantExercises.predictFailures("plain").right(), "not a variant of the notebook");
        assertFalse(ShortcutVariantExercises.predictFailures("nonsense").right());
        assertTrue(ShortcutVariantExercises.variants().contains("exclusive-gating:-6"));
    }

    @Test
    void shortcutFactorCompoundsOverTheUnits() {
        assertTrue(ShortcutVariantExercises.shortcutFactor(54, 0.5, Math.pow(0.5, 54)).right());
        assertTrue(ShortcutVariantExercises.shortcutFactor(54, 0.5, 5.55e-17).right());
        assertTrue(ShortcutVariantExercises.shortcutFactor(54, 0.5, 27).message().contains("compound"));
        assertTrue(ShortcutVariantExercises.shortcutFactor(54, 0.5, Math.pow(0.5, 55)).message().contains("count"));
        assertFalse(ShortcutVariantExercises.shortcutFactor(54, 0.5, 0.01).right());
    }

    @Test
    void curveReadingIsJudgedOnTheResults() {
        ExperimentResults r = new RecordedRuns()
                .add("original", 20, "original", false, row(100, 0.3, 8, 9))
                .add("exclusive-gating:0", 20, "exclusive-gating:0", false, row(100, 1.3, 48, 50))
                .add("conv-shortcut", 20, "conv-shortcut", false, row(100, 0.4, 12, 12))
                .build("03-shortcut-variants");
        assertTrue(ShortcutVariantExercises.highestFinalTrainingError(r, "exclusive-gating:0").right());
        assertFalse(ShortcutVariantExercises.highestFinalTrainingError(r, "conv-shortcut").right());
        assertTrue(ShortcutVariantExercises.highestFinalTrainingError(r, "gating").message().contains("not a run label"));
    }

    @Test
    void goingDeeperQuestions() {
        assertTrue(GoingDeeperExercises.unitCount(1001, "bottleneck", 333).right());
        assertTrue(GoingDeeperExercises.unitCount(1001, "bottleneck", 111).message().contains("one stage"));
        assertTrue(GoingDeeperExercises.unitCount(110, "basic", 54).right());
        assertFalse(GoingDeeperExercises.unitCount(110, "basic", 55).right());

        ExperimentResults r = new RecordedRuns()
                .add("original-56", 56, "original", false, row(50, 2.2, 85, 80), row(100, 0.5, 10, 16))
                .add("full-preact-56", 56, "full-preact", false, row(50, 1.1, 40, 30), row(100, 0.6, 13, 14))
                .build("05-deeper");
        assertTrue(GoingDeeperExercises.smallerGap(r, 56, "full-preact").right());
        assertFalse(GoingDeeperExercises.smallerGap(r, 56, "original").right());
        assertTrue(GoingDeeperExercises.slowerStart(r, 56, 50, "original").right());
        assertFalse(GoingDeeperExercises.slowerStart(r, 56, 50, "full-preact").right());
        assertTrue(GoingDeeperExercises.slowerStart(r, 20, 50, "original").message().contains("no pair of runs"));
    }
}
