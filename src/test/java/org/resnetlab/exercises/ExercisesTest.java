package org.resnetlab.exercises;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExercisesTest {
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    @BeforeEach
    void capture() {
        Exercises.printTo(new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        Exercises.printTo(System.out);
    }

    private String output() {
        String s = printed.toString(StandardCharsets.UTF_8);
        printed.reset();
        return s;
    }

    /** The hand-written Fig. 4(e) unit agrees with the FullPreActivation class; the other orderings are named. */
    @Test
    void preActivationUnit() {
        assertTrue(Exercises.checkPreActivationUnit((x, u) -> x.add(u.conv2(u.relu(u.bn2(u.conv1(u.relu(u.bn1(x)))))))));
        assertTrue(output().startsWith("✓"));
        assertFalse(Exercises.checkPreActivationUnit((x, u) -> u.relu(x.add(u.bn2(u.conv2(u.relu(u.bn1(u.conv1(x)))))))));
        assertTrue(output().contains("Fig. 4(a)"));
        assertFalse(Exercises.checkPreActivationUnit((x, u) -> x.add(u.bn2(u.conv2(u.relu(u.bn1(u.conv1(u.relu(x)))))))));
        assertTrue(output().contains("Fig. 4(d)"));
        assertFalse(Exercises.checkPreActivationUnit((x, u) -> x));
        assertTrue(output().startsWith("✗"));
        assertFalse(Exercises.checkPreActivationUnit((x, u) -> { throw new IllegalStateException("todo"); }));
        assertTrue(output().contains("todo"));
    }

    @Test
    void residualBlock() {
        assertTrue(Exercises.checkResidualBlock((x, f) -> f.apply(x).add(x)));
        assertFalse(Exercises.checkResidualBlock((x, f) -> f.apply(x)));
        assertTrue(output().contains("plain block"));
        assertFalse(Exercises.checkResidualBlock((x, f) -> ai.djl.nn.Activation.relu(x.add(f.apply(x)))));
        assertTrue(output().contains("ReLU after the addition"));
    }

    /** ResNet-110 has 54 units: Π λ = λ^54; the verdict on a wrong answer never prints it. */
    @Test
    void productOfLambdas() {
        double right = Math.pow(0.9, 54);
        assertTrue(Exercises.checkProductOfLambdas(110, 0.9, right));
        output();
        assertFalse(Exercises.checkProductOfLambdas(110, 0.9, Math.pow(0.9, 110)));
        String hint = output();
        assertTrue(hint.contains("layers"), hint);
        assertFalse(hint.contains(String.format(Locale.ROOT, "%.3g", right)), hint);
        assertFalse(Exercises.checkProductOfLambdas(110, 0.9, Math.pow(0.9, 55)));
        assertTrue(output().contains("off by one"));
        assertFalse(Exercises.checkProductOfLambdas(110, 0.9, 2.0));
        assertTrue(output().contains("shrinking"));
    }

    @Test
    void lesionAndFittingQuestionsReadTheData() {
        Table plain = lesion(20, 85);
        Table residual = lesion(10, 14);
        assertTrue(Exercises.checkLesion(Map.of("plain-20", plain, "original-20", residual), "plain-20"));
        assertFalse(Exercises.checkLesion(Map.of("plain-20", plain, "original-20", residual), "original-20"));
        assertFalse(Exercises.checkLesion(Map.of("plain-20", plain), "vgg"));
        assertTrue(output().contains("answer with one of"));

        Table steps = Table.create("s", StringColumn.create("target", "near", "near", "far", "far"),
                StringColumn.create("block", "plain: F(x)", "residual: x + F(x)", "plain: F(x)", "residual: x + F(x)"),
                IntColumn.create("first step", 40, 3, 10, 12), DoubleColumn.create("final", 0.1, 0.01, 0.1, 0.1));
        assertTrue(Exercises.checkFasterBlock(steps, "near", "residual"));
        assertFalse(Exercises.checkFasterBlock(steps, "near", "plain"));
        assertTrue(Exercises.checkFasterBlock(steps, "far", "Plain"));
    }

    private static Table lesion(double intact, double worst) {
        return Table.create("l", StringColumn.create("deleted unit", "none", "unit 0", "unit 1"),
                DoubleColumn.create("test error %", intact, intact + 1, worst));
    }
}
