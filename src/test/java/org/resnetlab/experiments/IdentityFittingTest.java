package org.resnetlab.experiments;

import org.junit.jupiter.api.Test;
import org.resnetlab.experiments.IdentityFitting.Setup;
import org.resnetlab.experiments.IdentityFitting.Target;
import org.resnetlab.experiments.IdentityFitting.Wiring;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdentityFittingTest {

    private static final Setup SMALL = new Setup(4, 6, 8, 12, 0.02f, 0.1f, 3);

    /** One SGD step from zero velocity moves the weights by exactly lr·‖∂E/∂W‖: F's weights are what is trained. */
    @Test
    void firstStepMovesTheBranchWeightsByTheLearningRateTimesTheirGradient() {
        for (Wiring wiring : Wiring.values()) {
            List<double[]> rows = IdentityFitting.fit(SMALL, Target.NEAR_IDENTITY, wiring);
            assertEquals(SMALL.steps() + 1, rows.size());
            assertEquals(0.0, rows.get(0)[3], 0.0, "no change before the first update");
            double initialNorm = rows.get(0)[4];
            double moved = rows.get(1)[3] * initialNorm;
            double expected = SMALL.learningRate() * rows.get(0)[2];
            assertTrue(expected > 0, wiring + ": the branch weights get a gradient");
            assertEquals(expected, moved, 1e-3 * expected, wiring.toString());
            assertTrue(rows.get(SMALL.steps())[3] > rows.get(1)[3], wiring + ": the weights keep moving");
        }
    }

    /** Same seed, same layers: both wirings start from the same weights (same ‖W_0‖) on the same batches. */
    @Test
    void bothWiringsStartFromTheSameWeights() {
        double plain = IdentityFitting.fit(SMALL, Target.FAR_FROM_IDENTITY, Wiring.PLAIN).get(0)[4];
        double residual = IdentityFitting.fit(SMALL, Target.FAR_FROM_IDENTITY, Wiring.RESIDUAL).get(0)[4];
        assertEquals(plain, residual, 0.0);
    }

    @Test
    void tableHoldsEveryCurve() {
        Table t = IdentityFitting.run(new Setup(4, 6, 8, 3, 0.02f, 0.1f, 3));
        assertEquals(4 * 4, t.rowCount());
        assertEquals(4, t.splitOn("target", "block").size());
    }

    @Test
    void onlyTheZeroInitialisedResidualBlockIsExactlyTheIdentity() {
        Table t = IdentityFitting.distanceFromIdentityAtInit(4, 6, 5);
        assertEquals(3, t.rowCount());
        assertEquals(0.0, t.doubleColumn(1).get(2), 0.0, "zero-init: x + 0");
        assertTrue(t.doubleColumn(1).get(0) > 0.1, "plain block");
        assertTrue(t.doubleColumn(1).get(1) > 0.1, "residual block with a live branch");
    }

    @Test
    void stepsToReachFindsTheFirstStepBelowTheThreshold() {
        Table curves = Table.create("c",
                StringColumn.create("target", "a", "a", "a", "a", "a", "a"),
                StringColumn.create("block", "p", "p", "p", "r", "r", "r"),
                IntColumn.create("step", 0, 1, 2, 0, 1, 2),
                DoubleColumn.create("relative error", 1.0, 0.5, 0.05, 1.0, 0.9, 0.8));
        Table s = IdentityFitting.stepsToReach(curves, 0.1);
        assertEquals(2, s.intColumn(2).get(0));
        assertEquals(-1, s.intColumn(2).get(1));
        assertEquals(0.8, s.doubleColumn(3).get(1), 0.0);
    }
}
