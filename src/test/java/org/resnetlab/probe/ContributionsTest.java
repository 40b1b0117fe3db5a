package org.resnetlab.probe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;
import org.resnetlab.models.CifarResNet;
import tech.tablesaw.api.Table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContributionsTest {

    /** Shares of x_L in the last stage: x_7, F(x_7), F(x_8) for ResNet-20. */
    private static double sumOfShares(Table t) {
        return t.doubleColumn("share of x_L").removeMissing().sum();
    }

    @Test
    void sharesOfAPreActivationNetAddUpToOne() {
        try (NDManager manager = NDManager.newBaseManager()) {
            CifarResNet net = ProbeFixtures.net(manager, "full-preact", 20);
            Table t = Contributions.of(net, ProbeFixtures.images(manager));
            assertEquals(1 + 9, t.rowCount());
            assertEquals(3, t.doubleColumn("share of x_L").removeMissing().size(), "x_s and two units");
            assertEquals(7, t.intColumn("l").get(0), "the last stage's shape-keeping part starts at x_7");
            assertEquals(1.0, sumOfShares(t), 1e-4);
        }
    }

    @Test
    void sharesOfTheOriginalUnitDoNot() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Table t = Contributions.of(ProbeFixtures.net(manager, "original", 20), ProbeFixtures.images(manager));
            assertTrue(Math.abs(sumOfShares(t) - 1) > 1e-2, "ReLU after each addition: " + sumOfShares(t));
        }
    }

    /** ‖F(x_0)‖ / ‖x_0‖ against the stem and the first unit's branch run by hand. */
    @Test
    void relativeUpdateMatchesAHandComputation() {
        try (NDManager manager = NDManager.newBaseManager()) {
            CifarResNet net = ProbeFixtures.net(manager, "full-preact", 20);
            NDArray images = ProbeFixtures.images(manager);
            ParameterStore ps = new ParameterStore(manager, false);
            NDArray x0 = net.stem().forward(ps, new NDList(images), false).singletonOrThrow();
            NDArray f0 = net.units().get(0).residual(ps, x0, false);
            double expected = Math.sqrt(f0.square().sum().getFloat() / x0.square().sum().getFloat());
            Table t = Contributions.of(net, images);
            assertEquals("F(x_0)", t.stringColumn("term").get(1));
            assertEquals(expected, t.doubleColumn("‖F(x_l)‖ / ‖x_l‖").get(1), 1e-4 * expected);
        }
    }

    /** Read from a table as the notebook gets it (recorded or computed): the x_s row has no update, only last-stage rows a share. */
    @Test
    void shareSumAndRelativeUpdatesReadTheTable() {
        Table t = Table.create("c", tech.tablesaw.api.StringColumn.create("term", "x_s (input of the last stage)", "F(x_0)", "F(x_1)", "F(x_2)"),
                tech.tablesaw.api.IntColumn.create("l", 2, 0, 1, 2), tech.tablesaw.api.IntColumn.create("stage", 3, 1, 2, 3),
                tech.tablesaw.api.DoubleColumn.create(Contributions.RELATIVE, new double[] {Double.NaN, 0.8, 0.4, 0.2}),
                tech.tablesaw.api.DoubleColumn.create(Contributions.SHARE, new double[] {0.7, Double.NaN, Double.NaN, 0.25}));
        assertEquals(0.95, Contributions.shareSum(t), 1e-12);
        Table updates = Contributions.relativeUpdates("net-a", t);
        assertEquals(java.util.List.of("net", "l", Contributions.RELATIVE), updates.columnNames());
        assertEquals(java.util.List.of("net-a", "net-a", "net-a"), updates.stringColumn("net").asList());
        assertEquals(java.util.List.of(0, 1, 2), updates.intColumn("l").asList());
        assertEquals(java.util.List.of(0.8, 0.4, 0.2), updates.doubleColumn(Contributions.RELATIVE).asList());
        assertEquals(4, t.rowCount(), "the contributions table is left as it was");
    }
}
