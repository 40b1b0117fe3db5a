package org.resnetlab.exercises;

import ai.djl.nn.Activation;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Notebook 01's checkers: the verdict they return, judged on a real unit and on the data they are given. */
class ResidualMappingExercisesTest {

    @Test
    void theResidualBlockIsCheckedAgainstTheUnitAndCommonSlipsAreNamed() {
        Verdict right = ResidualMappingExercises.residualBlock((x, f) -> f.apply(x).add(x));
        assertTrue(right.right(), right.message());
        assertTrue(right.toString().startsWith("✓ Right. "), right.toString());
        Verdict plain = ResidualMappingExercises.residualBlock((x, f) -> f.apply(x));
        assertFalse(plain.right());
        assertTrue(plain.message().contains("plain block"), plain.message());
        Verdict relu = ResidualMappingExercises.residualBlock((x, f) -> Activation.relu(x.add(f.apply(x))));
        assertTrue(!relu.right() && relu.message().contains("ReLU after the addition"), relu.message());
        Verdict sign = ResidualMappingExercises.residualBlock((x, f) -> x.sub(f.apply(x)));
        assertTrue(!sign.right() && sign.message().contains("sign"), sign.message());
        Verdict twice = ResidualMappingExercises.residualBlock((x, f) -> x.add(f.apply(x)).add(x));
        assertTrue(!twice.right() && twice.message().startsWith("H(x) = F(x) + x"), twice.message());
        Verdict shape = ResidualMappingExercises.residualBlock((x, f) -> x.sum());
        assertTrue(!shape.right() && shape.message().contains("shape"), shape.message());
        Verdict crashed = ResidualMappingExercises.residualBlock((x, f) -> { throw new IllegalStateException("todo"); });
        assertTrue(!crashed.right() && crashed.message().contains("todo"), crashed.message());
    }

    @Test
    void theFasterBlockIsReadFromTheStepsTable() {
        Table steps = Table.create("s", StringColumn.create("target", "near", "near", "far", "far"),
                StringColumn.create("block", "plain: F(x)", "residual: x + F(x)", "plain: F(x)", "residual: x + F(x)"),
                IntColumn.create("first step", 40, 3, 10, -1), DoubleColumn.create("final", 0.1, 0.01, 0.1, 0.5));
        assertTrue(ResidualMappingExercises.fasterBlock(steps, "near", "residual").right());
        assertFalse(ResidualMappingExercises.fasterBlock(steps, "near", "plain").right());
        assertTrue(ResidualMappingExercises.fasterBlock(steps, "far", " Plain").right(), "−1 (never) loses");
        assertTrue(ResidualMappingExercises.fasterBlock(steps, "near", "both").message().contains("\"plain\" or"));
        assertFalse(ResidualMappingExercises.fasterBlock(steps, "nowhere", "plain").right());
        assertTrue(ResidualMappingExercises.fasterBlock(steps, "near", () -> "residual").right());
    }
}
